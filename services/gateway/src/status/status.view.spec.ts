import type { DeadLetterV1 } from '@kci-bridge/contracts';
import { describe, expect, it } from 'vitest';
import type { StatusOverview } from './status.service.js';
import { statusPage } from './status.view.js';

const evil = '<script>alert("dead")</script>';

function deadLetter(over: Partial<DeadLetterV1> = {}): DeadLetterV1 {
  return {
    id: '7',
    source: 'report',
    service: 'kcidb-submitter',
    eventType: null,
    reason: `KCIDB rejected the report (HTTP 400): ${evil}`,
    response: `{"error": "${evil}"}`,
    objectIds: [`kci_bridge:t-${evil}`],
    deliveries: null,
    createdAt: '2026-11-23T22:00:00.000Z',
    retriedAt: null,
    retries: 0,
    ...over,
  };
}

function overview(dl: DeadLetterV1[]): StatusOverview {
  return {
    runs: {
      ok: true,
      value: [
        {
          id: 'c0ffee00-0000-4000-8000-000000000001',
          kind: 'build',
          runner: 'tuxsuite',
          state: 'failed',
          runnerJobId: 'job"><script>x</script>',
          runnerJobUrl: 'javascript:alert(1)',
          reason: evil,
          createdAt: '2026-11-23T21:00:00.000Z',
          updatedAt: '2026-11-23T21:01:00.000Z',
          finishedAt: '2026-11-23T21:01:00.000Z',
        },
      ],
    },
    submissions: { ok: false, problem: `no answer to submissions.recent: ${evil}` },
    pending: { ok: true, value: { counts: { pending: 0, posted: 0 }, items: [] } },
    deadLetters: { ok: true, value: dl },
  };
}

const render = (dl: DeadLetterV1[], scopes: Array<'read' | 'admin'>) =>
  statusPage({
    overview: overview(dl),
    caller: { tokenId: 't', name: `ops ${evil}`, origins: ['*'], scopes },
    csrf: 'csrf-token-value',
    flash: { kind: 'ok', text: evil },
    now: new Date('2026-11-23T23:00:00Z'),
  }).text;

describe('status page', () => {
  it('escapes every value from the services: a <script> in a dead letter reason stays text', () => {
    const page = render([deadLetter()], ['read', 'admin']);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain(
      'KCIDB rejected the report (HTTP 400): &lt;script&gt;alert(&quot;dead&quot;)&lt;/script&gt;',
    );
    expect(page).toContain('<pre>{&quot;error&quot;: &quot;&lt;script&gt;');
    expect(page).not.toContain('href="javascript:');
  });

  it('offers Retry with the CSRF token only to an admin', () => {
    const admin = render([deadLetter()], ['read', 'admin']);
    expect(admin).toContain('action="/status/dead-letters/7/retry"');
    expect(admin).toMatch(/<input type="hidden" name="csrf" value="csrf-token-value"/);
    const reader = render([deadLetter()], ['read']);
    expect(reader).not.toContain('/retry"');
    expect(reader).toContain('admin only');
  });

  it('shows a section whose owner did not answer as unavailable, and the rest of the page', () => {
    const page = render([], ['read']);
    expect(page).toContain('Not available: no answer to submissions.recent');
    expect(page).toContain('No dead letters.');
    expect(page).toContain('c0ffee00-0000-4000-8000-000000000001');
  });
});
