import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeKcidb } from '../fakes/kcidb/fake-kcidb.js';
import { FakeTuxsuite } from '../fakes/tuxsuite/fake-tuxsuite.js';
import { isolatedStackEnv, isolation } from '../support/isolation.js';
import type { Browser } from './browser.js';
import { launchChromium } from './browser.js';
import { Stack, until } from './stack.js';

const iso = isolation('e2e_status');
let kcidb: FakeKcidb;
let tux: FakeTuxsuite;
let stack: Stack;
let browser: Browser | undefined;
let page: Page;

/** The browser, launched by the first test that needs it: without chromium every test fails (none is skipped). */
async function chromiumPage(): Promise<Browser> {
  if (!browser) {
    browser = await launchChromium();
    page = await browser.context.newPage();
  }
  return browser;
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(stack.api(path), {
    method,
    headers: { 'content-type': 'application/json', ...stack.headers() },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function accepted(path: string, body: unknown): Promise<string> {
  const res = await api('POST', path, body);
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Waits until the API shows `path` (a run or submission) matching `pred`. */
function settled(path: string, pred: (v: Record<string, unknown>) => boolean, what: string) {
  return until(
    async () => {
      const res = await api('GET', path);
      const v = res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
      return v && pred(v) ? v : undefined;
    },
    60_000,
    what,
  );
}

const counts = (v: Record<string, unknown>, key = 'objects') =>
  (key === 'kcidb' ? (v['kcidb'] as { counts: Record<string, number> }).counts : v[key]) as Record<
    string,
    number
  >;

function tests(uid: string, n: number) {
  return {
    test_uid: uid,
    build_id: `maestro:${uid}`,
    tests: Array.from({ length: n }, (_, i) => ({
      test_name: `case${i}`,
      test_collection: 'kselftest',
      result: 'pass',
    })),
  };
}

const statusUrl = (path = '') => stack.url('gateway', `/status${path}`);
const row = (section: string, id: string) => page.locator(`#${section} tr[data-id="${id}"]`);

async function signIn(token: string): Promise<number | undefined> {
  await page.goto(statusUrl());
  await page.fill('input[name="token"]', token);
  const [res] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  return res?.status();
}

beforeAll(async () => {
  kcidb = await FakeKcidb.start();
  tux = await FakeTuxsuite.start();
  stack = await Stack.start({
    ...isolatedStackEnv(iso, kcidb.restUrl, 'kci_e2e'),
    KCI_BATCH_MAX_AGE_MS: '100',
    KCI_RETRY_BASE_MS: '300',
    KCI_RETRY_MAX_MS: '1000',
    KCI_STATUS_POLL_MS: '100',
    KCI_STATUS_POLL_MAX_MS: '500',
    TUXAPI_URL: tux.url,
    TUXSUITE_TOKEN: tux.token,
    TUXSUITE_GROUP: tux.group,
    TUXSUITE_PROJECT: tux.project,
    TUXSUITE_PUBLIC_KEY: tux.publicKeySsh,
  });
});

afterAll(async () => {
  await browser?.close();
  const code = await stack?.stop();
  await Promise.all([kcidb?.close(), tux?.close()]);
  expect(code).toBe(0);
});

describe('the status page, in a real Chromium', () => {
  it('asks for a token, shows an error for a wrong one and a 403 page for one without "read"', async () => {
    const { context } = await chromiumPage();
    const first = await page.goto(statusUrl());
    expect(first?.status()).toBe(401);
    await expect(page.locator('input[name="token"]').count()).resolves.toBe(1);
    expect(first?.headers()['content-security-policy']).toMatch(/default-src 'none'/);

    expect(await signIn('kcib_not_a_real_token_at_all_000000000000')).toBe(401);
    expect(await page.locator('[role="alert"]').textContent()).toMatch(/unknown or revoked/);

    const created = await api('POST', '/admin/tokens', {
      name: 'submit-only',
      origins: ['*'],
      scopes: ['submit'],
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect(await signIn(token)).toBe(403);
    expect(await page.locator('[role="alert"]').textContent()).toMatch(
      /may not see the status page .*"read" scope/,
    );
    expect((await context.cookies()).some((c) => c.name === 'kci_status')).toBe(false);

    // A script may use the Authorization header instead (no cookie, so no CSRF field either).
    const scripted = await fetch(statusUrl(), { headers: stack.headers() });
    expect(scripted.status).toBe(200);
    const text = await scripted.text();
    expect(text).toMatch(/signed in as <b>admin/);
    expect(text).not.toMatch(/name="csrf"/);
    // Another site's page cannot sign a browser in (nor send any other form).
    const foreign = await fetch(statusUrl('/login'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://attacker.example',
      },
      body: new URLSearchParams({ token: stack.apiToken ?? '' }).toString(),
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    // Forms are for the status page only: the API still takes JSON alone.
    const form = await fetch(stack.api('/tests/submit'), {
      method: 'POST',
      headers: { ...stack.headers(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'test_uid=x',
    });
    expect(form.status).toBe(415);
  });

  it('shows a run, submissions with their KCIDB state, what waits and a dead letter; Retry delivers it', async () => {
    const { context } = await chromiumPage();
    expect(await signIn(stack.apiToken ?? '')).toBe(200);
    const cookie = (await context.cookies()).find((c) => c.name === 'kci_status');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/status' });
    // The cookie is accepted on the status page only, never by the API.
    const viaCookie = await fetch(stack.api('/dead-letters'), {
      headers: { cookie: `kci_status=${cookie?.value ?? ''}` },
    });
    expect(viaCookie.status).toBe(401);
    expect(await page.locator('header').textContent()).toMatch(/signed in as admin/);

    // A build on the fake TuxSuite, finished by its signed callback.
    const runId = await accepted('/builds/run', {
      runner: 'tuxsuite',
      toolchain: 'gcc-13',
      tree: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git',
      branch: 'master',
      kconfig: 'defconfig',
    });
    const launched = await settled(`/runs/${runId}`, (r) => r['state'] === 'launched', 'launch');
    const sha = '0123456789abcdef0123456789abcdef01234567';
    const uid = String(launched['runner_job_id']);
    expect(await tux.completeBuild(uid, { result: 'pass', gitSha: sha })).toBe(200);
    await settled(`/runs/${runId}`, (r) => counts(r, 'kcidb')['submitted'] === 2, 'run objects');

    // One submission delivered, one KCIDB rejects (400), one that waits out KCIDB's 500s.
    const delivered = await accepted('/tests/submit', tests('status-ok', 3));
    await settled(`/submissions/${delivered}`, (v) => v['state'] === 'submitted', 'delivered');
    kcidb.script({ status: 400, message: 'malformed <b>report</b>, fixed upstream since' });
    const rejected = await accepted('/tests/submit', tests('status-dead', 2));
    await settled(`/submissions/${rejected}`, (v) => v['state'] === 'failed', 'dead-lettered');
    kcidb.setMode({ status: 500 });
    const waiting = await accepted('/tests/submit', tests('status-wait', 1));
    await settled(
      `/submissions/${waiting}`,
      (v) => (v['items'] as Array<{ reason?: string }>)[0]?.reason !== undefined,
      'a failed attempt',
    );

    await page.goto(statusUrl());
    expect(await row('runs', runId).textContent()).toMatch(/build.*tuxsuite.*finished/s);
    expect(await row('runs', runId).locator('a').getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await row('submissions', runId).textContent()).toMatch(/submitted.*2 submitted/s);
    const ok = await row('submissions', delivered).textContent();
    expect(ok).toMatch(/submitted.*3 submitted, 0 posted, 0 pending, 0 dead/s);
    expect(ok).toMatch(/[A-Za-z0-9]{32}/); // KCIDB's submission id
    expect(await row('submissions', rejected).textContent()).toMatch(/failed.*2 dead/s);
    expect(await row('submissions', waiting).textContent()).toMatch(/submitting.*1 pending/s);
    const pending = page.locator('#pending tbody tr');
    expect(await pending.count()).toBeGreaterThanOrEqual(1);
    expect(await pending.first().textContent()).toMatch(/pending.*HTTP 500/s);

    const dl = page.locator('#dead-letters tr', { hasText: 'fixed upstream since' });
    expect(await dl.count()).toBe(1);
    const reason = dl.locator('td.reason');
    // KCIDB's markup is shown as text: it never becomes an element of the page.
    expect(await reason.textContent()).toMatch(/HTTP 400.*malformed <b>report<\/b>/s);
    expect(await reason.locator('b').count()).toBe(0);
    const dlId = (await dl.getAttribute('data-id')) ?? '';
    expect(dlId).toMatch(/^\d+$/);

    // A retry without the page's CSRF token is refused, with the session cookie sent.
    const forged = await page.request.post(statusUrl(`/dead-letters/${dlId}/retry`), {
      form: { csrf: 'forged' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toMatch(/CSRF token is missing or wrong/);
    const bare = await page.request.post(statusUrl(`/dead-letters/${dlId}/retry`), {
      form: {},
      maxRedirects: 0,
    });
    expect(bare.status()).toBe(403);
    expect(
      (await (await api('GET', '/dead-letters')).json()) as { items: Array<{ id: string }> },
    ).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ id: dlId, retries: 0 })]),
    });

    // KCIDB is fixed: Retry, see the message, and KCIDB gets the objects.
    kcidb.setMode(undefined);
    const [afterRetry] = await Promise.all([
      page.waitForNavigation(),
      dl.locator('button', { hasText: 'Retry' }).click(),
    ]);
    expect(afterRetry?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/status');
    expect(await page.locator('#flash').textContent()).toMatch(
      new RegExp(`Dead letter ${dlId} retried: 2 of 2 object`),
    );
    await settled(`/submissions/${rejected}`, (v) => v['state'] === 'submitted', 'retried');
    const retried = kcidb
      .allTests({ processedOnly: true })
      .filter((t) => (t['misc'] as { test_uid?: string }).test_uid === 'status-dead');
    expect(retried).toHaveLength(2);
    await page.reload();
    expect(await page.locator('#flash').count()).toBe(0); // shown once
    expect(await row('dead-letters', dlId).textContent()).toMatch(/1×/);
    expect(await row('submissions', rejected).textContent()).toMatch(/submitted.*2 submitted/s);

    // Signing out ends the session: the page asks for a token again.
    const [out] = await Promise.all([
      page.waitForNavigation(),
      page.click('header button[type="submit"]'),
    ]);
    expect(out?.status()).toBe(401);
    expect(await page.locator('input[name="token"]').count()).toBe(1);
  });
});
