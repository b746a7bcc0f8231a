import { KCIDB_STATUSES, type KcidbStatus } from './types.js';

const BY_NAME: ReadonlyMap<string, KcidbStatus> = new Map(KCIDB_STATUSES.map((s) => [s, s]));

/** A KCIDB status from text such as " pass ", or undefined when it is not one. */
export function parseStatus(s: string): KcidbStatus | undefined {
  const word = s.trim();
  // ASCII only: toUpperCase() would also turn "ſkip" into "SKIP".
  return /^[A-Za-z]+$/.test(word) ? BY_NAME.get(word.toUpperCase()) : undefined;
}

/** The highest-priority status present (FAIL > ERROR > MISS > PASS > DONE > SKIP), as KCIDB summarises. */
export function worstStatus(statuses: readonly KcidbStatus[]): KcidbStatus | undefined {
  const present = new Set(statuses);
  return KCIDB_STATUSES.find((status) => present.has(status));
}
