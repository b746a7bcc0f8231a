import { z } from 'zod';
import type { ServiceSettings } from '@kci-bridge/service-kit';
import {
  ConfigError,
  baseEnvShape,
  intVar,
  loadEnv,
  serviceSettings,
  urlVar,
} from '@kci-bridge/service-kit';

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8081, 0, 65535),
  KCI_PUBLIC_URL: urlVar(['http', 'https'], 'http://127.0.0.1:8081'),
  KCI_CALLBACK_MAX_BYTES: intVar(64 * 1024 * 1024, 1_024, 1024 * 1024 * 1024),
  KCI_RUN_DEADLINE_MS: intVar(6 * 3_600_000, 1_000, 7 * 24 * 3_600_000),
  KCI_CALLBACK_GRACE_MS: intVar(30 * 60_000, 100, 24 * 3_600_000),
  KCI_POLL_INTERVAL_MS: intVar(5 * 60_000, 100, 24 * 3_600_000),
  KCI_RECONCILE_INTERVAL_MS: intVar(30_000, 50, 3_600_000),
  KCI_RUNNER_TIMEOUT_MS: intVar(30_000, 100, 600_000),
  TUXSUITE_TOKEN: z.string().optional(),
  TUXSUITE_GROUP: z.string().optional(),
  TUXSUITE_PROJECT: z.string().optional(),
  TUXAPI_URL: urlVar(['http', 'https'], 'https://tuxapi.tuxsuite.com'),
  TUXSUITE_PUBLIC_KEY: z
    .string()
    .regex(
      /^ecdsa-sha2-nistp256 [A-Za-z0-9+/=]+( .*)?$/,
      'must be an OpenSSH "ecdsa-sha2-nistp256 AAAA..." line',
    )
    .optional(),
  KCI_LAVA_URL: urlVar(['http', 'https']).optional(),
  KCI_LAVA_TOKEN: z.string().optional(),
  KCI_LAVA_CALLBACK_TOKEN_DESCRIPTION: z
    .string()
    .regex(
      /^[A-Za-z0-9-]+$/,
      'must be letters, digits and - (the description of the lab token LAVA sends back)',
    )
    .optional(),
  KCI_LAVA_CALLBACK_TOKEN: z
    .string()
    .min(16, 'must be the secret value of that LAVA token (16+ characters)')
    .optional(),
  KCI_LAVA_TEMPLATES_DIR: z.string().optional(),
  KCI_LAVA_DEVICE_TYPES: z
    .string()
    .regex(
      /^[a-z0-9_.-]+=[a-z0-9_.-]+(,[a-z0-9_.-]+=[a-z0-9_.-]+)*$/,
      'must be "device=lava_device_type,..."',
    )
    .default('qemu-riscv64=qemu'),
  KCI_LAVA_ROOTFS_URL: urlVar(['http', 'https']).optional(),
};

export interface TuxsuiteConfig {
  apiUrl: string;
  token: string;
  group: string;
  project: string;
  publicKey?: string;
}

export interface LavaConfig {
  url: string;
  token: string;
  callbackTokenDescription: string;
  callbackTokenValue: string;
  templatesDir?: string;
  deviceTypes: Record<string, string>;
  rootfsUrl?: string;
}

export interface OrchestratorConfig {
  service: ServiceSettings;
  /** Where runners reach the callbacks (through Caddy in production). */
  publicUrl: string;
  callbackMaxBytes: number;
  runDeadlineMs: number;
  callbackGraceMs: number;
  pollIntervalMs: number;
  reconcileIntervalMs: number;
  runnerTimeoutMs: number;
  tuxsuite?: TuxsuiteConfig;
  lava?: LavaConfig;
}

/** All of a group's variables, or none: a half-configured runner is a mistake worth stopping for. */
function group<T extends Record<string, string | undefined>>(
  vars: T,
): { [K in keyof T]: string } | undefined | string[] {
  const missing = Object.entries(vars)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length === Object.keys(vars).length) return undefined;
  if (missing.length > 0) return missing;
  return vars as { [K in keyof T]: string };
}

/** Reads and validates the runner-orchestrator's environment, once, at start-up. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): OrchestratorConfig {
  const e = loadEnv(shape, env);
  const problems: string[] = [];
  const tux = group({
    TUXSUITE_TOKEN: e.TUXSUITE_TOKEN,
    TUXSUITE_GROUP: e.TUXSUITE_GROUP,
    TUXSUITE_PROJECT: e.TUXSUITE_PROJECT,
  });
  const lava = group({
    KCI_LAVA_URL: e.KCI_LAVA_URL,
    KCI_LAVA_TOKEN: e.KCI_LAVA_TOKEN,
    KCI_LAVA_CALLBACK_TOKEN_DESCRIPTION: e.KCI_LAVA_CALLBACK_TOKEN_DESCRIPTION,
    KCI_LAVA_CALLBACK_TOKEN: e.KCI_LAVA_CALLBACK_TOKEN,
  });
  if (Array.isArray(tux))
    problems.push(
      ...tux.map((k) => `${k}: required to use TuxSuite (the other TUXSUITE_* variables are set)`),
    );
  if (Array.isArray(lava))
    problems.push(
      ...lava.map((k) => `${k}: required to use LAVA (the other KCI_LAVA_* variables are set)`),
    );
  if (problems.length > 0) throw new ConfigError(problems);
  const config: OrchestratorConfig = {
    service: serviceSettings('runner-orchestrator', 'runner_orchestrator', e, e.KCI_HTTP_PORT),
    publicUrl: e.KCI_PUBLIC_URL.replace(/\/+$/, ''),
    callbackMaxBytes: e.KCI_CALLBACK_MAX_BYTES,
    runDeadlineMs: e.KCI_RUN_DEADLINE_MS,
    callbackGraceMs: e.KCI_CALLBACK_GRACE_MS,
    pollIntervalMs: e.KCI_POLL_INTERVAL_MS,
    reconcileIntervalMs: e.KCI_RECONCILE_INTERVAL_MS,
    runnerTimeoutMs: e.KCI_RUNNER_TIMEOUT_MS,
  };
  if (tux && !Array.isArray(tux)) {
    config.tuxsuite = {
      apiUrl: e.TUXAPI_URL.replace(/\/+$/, ''),
      token: tux.TUXSUITE_TOKEN,
      group: tux.TUXSUITE_GROUP,
      project: tux.TUXSUITE_PROJECT,
      ...(e.TUXSUITE_PUBLIC_KEY !== undefined ? { publicKey: e.TUXSUITE_PUBLIC_KEY } : {}),
    };
  }
  if (lava && !Array.isArray(lava)) {
    config.lava = {
      url: lava.KCI_LAVA_URL.replace(/\/+$/, ''),
      token: lava.KCI_LAVA_TOKEN,
      callbackTokenDescription: lava.KCI_LAVA_CALLBACK_TOKEN_DESCRIPTION,
      callbackTokenValue: lava.KCI_LAVA_CALLBACK_TOKEN,
      deviceTypes: Object.fromEntries(
        e.KCI_LAVA_DEVICE_TYPES.split(',').map((pair) => pair.split('=') as [string, string]),
      ),
      ...(e.KCI_LAVA_TEMPLATES_DIR !== undefined ? { templatesDir: e.KCI_LAVA_TEMPLATES_DIR } : {}),
      ...(e.KCI_LAVA_ROOTFS_URL !== undefined ? { rootfsUrl: e.KCI_LAVA_ROOTFS_URL } : {}),
    };
  }
  return config;
}
