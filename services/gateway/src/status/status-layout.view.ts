import type { HtmlValue } from './html.js';
import { Html, html } from './html.js';

const CSS = `
:root { color-scheme: light dark; --line: #8884; --muted: #777; --ok: #1a7f37; --bad: #c62828; --warn: #b26a00; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 32px; }
header { display: flex; align-items: center; gap: 16px; border-bottom: 1px solid var(--line); padding: 12px 0; }
header h1 { font-size: 18px; margin: 0; flex: 1; }
h2 { font-size: 16px; margin: 24px 0 8px; }
h2 small { font-weight: normal; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; white-space: nowrap; }
td.reason { max-width: 420px; overflow-wrap: anywhere; }
time { white-space: nowrap; }
code, .id { font: 12px ui-monospace, monospace; overflow-wrap: anywhere; }
.muted, .empty { color: var(--muted); }
.state { font-weight: 600; }
.state.finished, .state.submitted { color: var(--ok); }
.state.failed, .state.timed_out, .state.partially_failed, .state.dead { color: var(--bad); }
.state.submitting, .state.launched, .state.running, .state.posted, .state.pending { color: var(--warn); }
.flash, .problem { padding: 8px 12px; border-radius: 4px; margin: 12px 0; border: 1px solid; }
.flash.ok { border-color: var(--ok); }
.flash.error, .problem { border-color: var(--bad); }
form.inline { display: inline; margin: 0; }
button { font: inherit; padding: 2px 10px; cursor: pointer; white-space: nowrap; }
details pre { white-space: pre-wrap; max-height: 240px; overflow: auto; font-size: 12px; }
.login { max-width: 420px; margin: 64px auto; }
.login input { width: 100%; font: inherit; padding: 6px; margin: 6px 0 12px; }
`;
// Our own constant: no value from outside ever reaches it.
const STYLE = new Html(CSS);

/** A whole page: our CSS inline (no scripts, no external resources), the body escaped by the caller. */
export function layout(title: string, body: HtmlValue): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html> `;
}

/** The sign-in form, with a message when an attempt failed (or the session ended). */
export function loginPage(message: { text: string; error: boolean } | undefined): Html {
  return layout(
    'kci-bridge status: sign in',
    html`<main class="login">
      <h1>kci-bridge status</h1>
      ${message ? html`<p class="${message.error ? 'problem' : 'muted'}" role="${message.error ? 'alert' : 'status'}">${message.text}</p>` : null}
      <form method="post" action="/status/login">
        <label for="token"
          >API token (with the <code>read</code> scope; <code>admin</code> to retry dead
          letters)</label
        >
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          autofocus
        />
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        The token is kept in a cookie for this page only (HttpOnly, SameSite=Strict) until you sign
        out.
      </p>
    </main>`,
  );
}

/** An error in the status page (a missing scope, a failed CSRF check, a service down), with a way back. */
export function errorPage(
  status: number,
  title: string,
  detail: string,
  errorId: string | undefined,
): Html {
  return layout(
    `kci-bridge status: ${title}`,
    html`<header>
        <h1>kci-bridge status</h1>
        <form class="inline" method="post" action="/status/logout">
          <button type="submit">Sign out</button>
        </form>
      </header>
      <main>
        <h2>${status} ${title}</h2>
        <p class="problem" role="alert">${detail}</p>
        ${errorId ? html`<p class="muted">Error id: <code>${errorId}</code> (also in the gateway's log).</p>` : null}
        <p><a href="/status">Back to the status page</a></p>
      </main>`,
  );
}
