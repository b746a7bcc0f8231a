import { describe, expect, it } from 'vitest';
import { Html, escapeHtml, html, safeUrl } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const reason = '<script>alert("x")</script> & \'quoted\'';
    const out = html`<p title="${reason}">${reason}</p>`.text;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;</p>',
    );
    expect(out).not.toContain('<script>');
  });

  it('keeps nested markup, joins lists and shows nothing for null, undefined and false', () => {
    const rows = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(
      html`<ul>
        ${rows}${null}${undefined}${false}${0}
      </ul>`.text,
    ).toMatch(/^<ul>\s*<li>a&lt;b<\/li><li>c<\/li>0\s*<\/ul>$/);
  });

  it('never trusts a string that looks like markup, only Html built by the template', () => {
    expect(html`${'<b>x</b>'}`.text).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(html`${new Html('<b>x</b>')}`.text).toBe('<b>x</b>');
    expect(escapeHtml('"<&>\'')).toBe('&quot;&lt;&amp;&gt;&#39;');
  });

  it('links only http(s) URLs', () => {
    expect(safeUrl('https://tuxapi.tuxsuite.com/v1/x')).toBe('https://tuxapi.tuxsuite.com/v1/x');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });
});
