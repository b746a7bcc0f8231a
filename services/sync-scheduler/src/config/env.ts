import { z } from 'zod';
import { CronTime } from 'cron';
import type { ServiceSettings } from '@kci-bridge/service-kit';
import { baseEnvShape, intVar, loadEnv, serviceSettings } from '@kci-bridge/service-kit';

function validCron(expr: string): boolean {
  try {
    new CronTime(expr, 'UTC');
    return true;
  } catch {
    return false;
  }
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const shape = {
  ...baseEnvShape,
  KCI_HTTP_PORT: intVar(8084, 0, 65535),
  KCI_SYNC_CRON: z
    .string()
    .refine(validCron, 'must be a cron expression, e.g. "0 3 * * *" (daily at 03:00 UTC)')
    .default('0 3 * * *'),
  KCI_SYNC_TIMEZONE: z
    .string()
    .refine(validTimeZone, 'must be an IANA time zone, e.g. "UTC" or "Europe/London"')
    .default('UTC'),
};

export interface SchedulerConfig {
  service: ServiceSettings;
  cron: string;
  timeZone: string;
}

/** Reads and validates the sync-scheduler's environment, once, at start-up. */
export function loadConfig(env: Record<string, string | undefined> = process.env): SchedulerConfig {
  const e = loadEnv(shape, env);
  return {
    service: serviceSettings('sync-scheduler', 'sync_scheduler', e, e.KCI_HTTP_PORT),
    cron: e.KCI_SYNC_CRON,
    timeZone: e.KCI_SYNC_TIMEZONE,
  };
}
