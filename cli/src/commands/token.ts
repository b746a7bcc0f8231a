import { resolveBridgeToken } from '../config/credentials.js';
import { ExitCode } from '../io.js';
import type { CommandContext } from './context.js';

export interface TokenOptions {
  via: string;
  name?: string;
  origin?: string[];
  scope?: string[];
  timeout?: string;
}

type Answer = { status: number; json: unknown } | { failure: string };

/**
 * `kci-bridge token create|list|revoke`: a kci-bridge gateway's API tokens, through its admin
 * endpoints, with the admin token from KCI_BRIDGE_TOKEN (or the config's kci_bridge_token).
 */
export async function tokenCommand(
  action: 'create' | 'list' | 'revoke',
  id: string | undefined,
  options: TokenOptions,
  ctx: CommandContext,
): Promise<ExitCode> {
  const base = bridgeBase(options.via);
  if (base === undefined) {
    ctx.output.err(
      'error: --via must be the http(s) URL of a kci-bridge gateway, e.g. http://127.0.0.1:8080',
    );
    return ExitCode.USAGE;
  }
  const { token, from } = await resolveBridgeToken(ctx.globals, ctx.env, {
    cwd: ctx.io.cwd,
    ...(ctx.io.systemConfigPath !== undefined ? { systemPath: ctx.io.systemConfigPath } : {}),
    warn: (line) => ctx.output.err(line),
  });
  if (token === undefined) {
    ctx.output.err(`error: an admin token is needed: set KCI_BRIDGE_TOKEN (looked in ${from})`);
    return ExitCode.CREDENTIALS;
  }
  ctx.output.addSecret(token);
  ctx.verbose(`admin token from ${from}`);
  const timeoutMs = Number(options.timeout ?? '30') * 1000;
  const call = (method: string, path: string, body?: unknown): Promise<Answer> =>
    request(ctx, `${base}/api/v1/admin/tokens${path}`, method, token, timeoutMs, body);

  let answer: Answer;
  switch (action) {
    case 'create':
      if (options.name === undefined || !options.origin?.length || !options.scope?.length) {
        ctx.output.err(
          'error: token create needs --name, at least one --origin and at least one --scope',
        );
        return ExitCode.USAGE;
      }
      answer = await call('POST', '', {
        name: options.name,
        origins: options.origin,
        scopes: options.scope,
      });
      break;
    case 'list':
      answer = await call('GET', '');
      break;
    case 'revoke':
      if (id === undefined || !/^[0-9a-f-]{36}$/.test(id)) {
        ctx.output.err('error: token revoke needs the token id (a UUID, as `token list` shows)');
        return ExitCode.USAGE;
      }
      answer = await call('DELETE', `/${id}`);
      break;
    default: {
      const unreachable: never = action;
      throw new Error(`unknown token action ${String(unreachable)}`);
    }
  }
  if ('failure' in answer) {
    ctx.output.err(`error: the gateway could not be reached: ${answer.failure}`);
    return ExitCode.GAVE_UP;
  }
  if (answer.status === 401 || answer.status === 403) {
    ctx.output.err(
      `error: the gateway refused the admin token (HTTP ${answer.status}): ${detail(answer.json)}`,
    );
    return ExitCode.CREDENTIALS;
  }
  if (answer.status >= 500) {
    ctx.output.err(`error: the gateway failed (HTTP ${answer.status}): ${detail(answer.json)}`);
    return ExitCode.GAVE_UP;
  }
  if (answer.status >= 400) {
    ctx.output.err(`error: HTTP ${answer.status}: ${detail(answer.json)}`);
    return ExitCode.REJECTED;
  }
  if (ctx.globals.json === true || action === 'list') {
    ctx.output.out(JSON.stringify(answer.json ?? { revoked: id }, null, 2));
  } else if (action === 'create') {
    const created = answer.json as { token?: string; id?: string };
    ctx.output.err(
      `token "${options.name}" created (id ${created.id ?? '?'}); it is shown this once:`,
    );
    // The one place a token is printed on purpose: written raw, past the scrubber.
    ctx.io.stdout.write(`${created.token ?? ''}\n`);
  } else {
    ctx.output.out(`token ${id} revoked`);
  }
  return ExitCode.OK;
}

function bridgeBase(via: string): string | undefined {
  try {
    const url = new URL(via);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

function detail(json: unknown): string {
  if (typeof json === 'object' && json !== null) {
    const d = (json as { detail?: unknown }).detail;
    if (typeof d === 'string') return d;
  }
  return '(no detail)';
}

async function request(
  ctx: CommandContext,
  url: string,
  method: string,
  token: string,
  timeoutMs: number,
  body?: unknown,
): Promise<Answer> {
  const fetchFn = ctx.io.fetch ?? fetch;
  try {
    const res = await fetchFn(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  } catch (e) {
    return { failure: e instanceof Error ? e.message : String(e) };
  }
}
