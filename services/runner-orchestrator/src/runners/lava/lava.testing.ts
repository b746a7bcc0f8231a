import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

// Helpers for this folder's specs: LAVA notify callback bodies built from real dispatcher logs.

/** A real dispatcher log from `fixtures/lava/` (see the SOURCES note there). */
export function lavaLog(name: 'log-canceled-1.yaml' | 'log-fail-4.yaml'): string {
  return readFileSync(new URL(`../../../fixtures/lava/${name}`, import.meta.url), 'utf8');
}

/**
 * The body LAVA POSTs for a finished job (`TestJob.create_job_data`, runners.md §4.3), with the
 * `lava` suite's cases made from the log's `results` entries as LAVA's server stores them (extra
 * keys such as `error_type` go to the case's metadata).
 */
export function lavaCallbackBody(
  log: string,
  fields: { id: number; health: 'Complete' | 'Incomplete' | 'Canceled' } & Record<string, unknown>,
): Record<string, unknown> {
  const { id, health: healthWord, ...rest } = fields;
  const entries = parse(log) as { dt: string; lvl: string; msg: unknown }[];
  const cases = entries
    .filter((e) => e.lvl === 'results' && typeof e.msg === 'object' && e.msg !== null)
    .map((e, i) => {
      const { case: name, definition, result, ...metadata } = e.msg as Record<string, unknown>;
      return {
        name,
        job: String(id),
        suite: definition,
        result,
        measurement: null,
        unit: '',
        level: typeof metadata.level === 'string' ? metadata.level : '',
        url: `/results/${id}/${String(definition)}/${String(name)}`,
        id: 1000 + i,
        logged: e.dt.replace('T', ' '),
        log_start_line: null,
        log_end_line: null,
        metadata: { case: name, definition, result, ...metadata },
      };
    });
  const health = { Complete: 1, Incomplete: 2, Canceled: 3 }[healthWord];
  const first = entries[0]?.dt ?? '2023-12-01T16:16:05.606746';
  const last = entries.at(-1)?.dt ?? first;
  return {
    id,
    status: health + 1, // legacy: 2 Complete, 3 Incomplete, 4 Canceled
    status_string: healthWord.toLowerCase(),
    state: 5,
    state_string: 'Finished',
    health,
    health_string: healthWord,
    submit_time: `${first.replace('T', ' ')}+00:00`,
    start_time: `${first.replace('T', ' ')}+00:00`,
    end_time: `${last.replace('T', ' ')}+00:00`,
    submitter_username: 'kci-bridge',
    submitter_email: 'someone@example.org',
    failure_comment: null,
    priority: 50,
    description: 'kci-bridge run',
    actual_device_id: 'qemu-01',
    definition: 'device_type: qemu\n',
    metadata: [{ kci_run_id: 'run-1' }],
    health_check: false,
    log,
    results: { lava: stringify(cases) },
    ...rest,
  };
}
