import type {
  DeadLetterV1,
  PendingObjectsReplyV1,
  RunSummaryV1,
  SubmissionSummaryV1,
} from '@kci-bridge/contracts';
import type { Caller } from '../auth/scopes.js';
import { submissionState } from '../submissions/submissions.service.js';
import type { Html, HtmlValue } from './html.js';
import { html, safeUrl } from './html.js';
import { layout } from './status-layout.view.js';
import type { Section, StatusOverview } from './status.service.js';

export interface StatusPageInput {
  overview: StatusOverview;
  caller: Caller;
  /** The session's CSRF token for the forms; undefined when signed in by an Authorization header. */
  csrf: string | undefined;
  flash: { kind: 'ok' | 'error'; text: string } | undefined;
  now: Date;
}

const REASON_CHARS = 300;

/** The status page: recent runs, submissions with their KCIDB state, what waits, dead letters. */
export function statusPage(input: StatusPageInput): Html {
  const { overview, caller, flash } = input;
  const deadCount = overview.deadLetters.ok
    ? overview.deadLetters.value.filter((d) => d.retriedAt === null).length
    : undefined;
  return layout(
    'kci-bridge status',
    html`<header>
        <h1>kci-bridge status</h1>
        <span class="muted">signed in as <b>${caller.name}</b> (${caller.scopes.join(', ')})</span>
        <a href="/status">Refresh</a>
        <form class="inline" method="post" action="/status/logout">
          ${csrfField(input.csrf)}<button type="submit">Sign out</button>
        </form>
      </header>
      <main>
        ${flash ? html`<p class="flash ${flash.kind}" role="status" id="flash">${flash.text}</p>` : null}
        <p class="muted">
          As of ${when(input.now.toISOString())}.
          ${overview.pending.ok ? `Outbox: ${overview.pending.value.counts.pending} pending, ${overview.pending.value.counts.posted} posted and awaiting KCIDB. ` : null}
          ${deadCount !== undefined ? `${deadCount} dead letter(s) not retried.` : null}
        </p>
        ${section('runs', 'Recent runs', overview.runs, runsTable)}
        ${section('submissions', 'Recent submissions', overview.submissions, submissionsTable)}
        ${section('pending', 'Waiting for KCIDB', overview.pending, pendingTable)}
        ${section('dead-letters', 'Dead letters', overview.deadLetters, (d) => deadLettersTable(d, input))}
      </main>`,
  );
}

function section<T>(id: string, title: string, s: Section<T>, body: (v: T) => Html): Html {
  return html`<section id="${id}">
    <h2>${title}</h2>
    ${s.ok ? body(s.value) : html`<p class="problem">Not available: ${s.problem}</p>`}
  </section>`;
}

function runsTable(runs: RunSummaryV1[]): Html {
  if (runs.length === 0) return html`<p class="empty">No runs yet.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>run</th>
        <th>kind</th>
        <th>runner</th>
        <th>state</th>
        <th>runner job</th>
        <th>reason</th>
        <th>requested</th>
        <th>finished</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map(
        (r) =>
          html`<tr data-id="${r.id}">
            <td class="id">${r.id}</td>
            <td>${r.kind}</td>
            <td>${r.runner}</td>
            <td>${state(r.state)}</td>
            <td>${jobLink(r)}</td>
            <td class="reason">${reason(r.reason)}</td>
            <td>${when(r.createdAt)}</td>
            <td>${r.finishedAt ? when(r.finishedAt) : null}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function jobLink(r: RunSummaryV1): HtmlValue {
  if (r.runnerJobId === null) return html`<span class="muted">none</span>`;
  const url = safeUrl(r.runnerJobUrl);
  return url
    ? html`<a class="id" href="${url}" rel="noopener noreferrer">${r.runnerJobId}</a>`
    : html`<span class="id">${r.runnerJobId}</span>`;
}

function submissionsTable(items: SubmissionSummaryV1[]): Html {
  if (items.length === 0) return html`<p class="empty">No submissions yet.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>submission or run</th>
        <th>KCIDB state</th>
        <th>objects</th>
        <th>KCIDB submission ids</th>
        <th>received</th>
      </tr>
    </thead>
    <tbody>
      ${items.map((s) => {
        const c = s.counts;
        return html`<tr data-id="${s.submissionId}">
          <td class="id">${s.submissionId}</td>
          <td>${state(submissionState(c))}</td>
          <td>
            ${c.submitted} submitted, ${c.posted} posted, ${c.pending} pending, ${c.dead} dead
          </td>
          <td>
            ${s.kcidbSubmissionIds.length > 0 ? s.kcidbSubmissionIds.map((id) => html`<code>${id}</code> `) : html`<span class="muted">none yet</span>`}
          </td>
          <td>${when(s.lastAt)}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function pendingTable(p: PendingObjectsReplyV1): Html {
  if (p.items.length === 0)
    return html`<p class="empty">Nothing waits: every object was delivered or dead-lettered.</p>`;
  const shown =
    p.items.length < p.counts.pending + p.counts.posted
      ? html`<p class="muted">The oldest ${p.items.length} shown.</p>`
      : null;
  return html`${shown}
    <table>
      <thead>
        <tr>
          <th>object</th>
          <th>kind</th>
          <th>state</th>
          <th>attempts</th>
          <th>why it waits</th>
          <th>next attempt</th>
          <th>since</th>
        </tr>
      </thead>
      <tbody>
        ${p.items.map(
          (o) =>
            html`<tr data-id="${o.id}">
              <td class="id">${o.id}</td>
              <td>${o.kind}</td>
              <td>${state(o.state)}</td>
              <td>${o.attempts}</td>
              <td class="reason">
                ${o.state === 'posted' ? `KCIDB took report ${o.kcidbSubmissionId ?? '?'}; waiting for it to be processed` : reason(o.reason)}
              </td>
              <td>${o.nextAttemptAt ? when(o.nextAttemptAt) : null}</td>
              <td>${when(o.createdAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function deadLettersTable(items: DeadLetterV1[], input: StatusPageInput): Html {
  if (items.length === 0) return html`<p class="empty">No dead letters.</p>`;
  const admin = input.caller.scopes.includes('admin');
  return html`<table>
    <thead>
      <tr>
        <th>id</th>
        <th>source</th>
        <th>reason</th>
        <th>objects or event</th>
        <th>recorded</th>
        <th>retried</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (d) =>
          html`<tr data-id="${d.id}">
            <td>${d.id}</td>
            <td>${d.source}<br /><span class="muted">${d.service}</span></td>
            <td class="reason">
              ${reason(d.reason)}${
                d.response !== null
                  ? html`<details>
                      <summary>KCIDB's response</summary>
                      <pre>${d.response}</pre>
                    </details>`
                  : null
              }
            </td>
            <td>${objectsOf(d)}</td>
            <td>${when(d.createdAt)}</td>
            <td>
              ${d.retries > 0 ? html`${d.retries}×, last ${d.retriedAt ? when(d.retriedAt) : null}` : html`<span class="muted">no</span>`}
            </td>
            <td>
              ${admin ? retryForm(d, input.csrf) : html`<span class="muted" title="needs the admin scope">admin only</span>`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function objectsOf(d: DeadLetterV1): HtmlValue {
  if (d.objectIds.length === 0) return d.eventType ? html`<code>${d.eventType}</code>` : null;
  const first = d.objectIds.slice(0, 3).map((id) => html`<code>${id}</code><br />`);
  return html`${first}${d.objectIds.length > 3 ? html`<span class="muted">and ${d.objectIds.length - 3} more</span>` : null}`;
}

function retryForm(d: DeadLetterV1, csrf: string | undefined): Html {
  return html`<form
    class="inline"
    method="post"
    action="/status/dead-letters/${encodeURIComponent(d.id)}/retry"
  >
    ${csrfField(csrf)}<button type="submit">${d.retries > 0 ? 'Retry again' : 'Retry'}</button>
  </form>`;
}

function csrfField(csrf: string | undefined): HtmlValue {
  return csrf === undefined ? null : html`<input type="hidden" name="csrf" value="${csrf}" />`;
}

function state(s: string): Html {
  return html`<span class="state ${s}">${s.replace('_', ' ')}</span>`;
}

function reason(text: string | null): HtmlValue {
  if (text === null || text === '') return null;
  if (text.length <= REASON_CHARS) return text;
  return html`${text.slice(0, REASON_CHARS)}…
    <details>
      <summary>all of it</summary>
      <pre>${text}</pre>
    </details>`;
}

/** A time as `YYYY-MM-DD hh:mm:ss UTC`, with the ISO string for machines. */
function when(iso: string): Html {
  const shown = iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
  return html`<time datetime="${iso}">${shown}</time>`;
}
