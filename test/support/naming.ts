import { randomBytes } from 'node:crypto';

/** The names one test file uses, all carrying the run id so that runs and files never meet. */
export interface Isolation {
  runId: string;
  /** Prefix for this file's PostgreSQL schemas: `t<runId>_<name>_` (then e.g. `orchestrator`). */
  schemaPrefix: string;
  /** This file's JetStream stream: `T<RUNID>_<NAME>`. */
  stream: string;
  /** This file's subject prefix: `t<runId>.<name>`. */
  prefix: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const RUN_ID_LENGTH = 8;
const NAME_MAX = 24;

/** A short random lowercase alphanumeric id for one test run. */
export function newRunId(): string {
  return [...randomBytes(RUN_ID_LENGTH)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Every schema of a run starts with this (teardown drops them all). */
export function runSchemaPrefix(runId: string): string {
  return `t${runId}_`;
}

/** Every stream of a run starts with this (teardown deletes them all). */
export function runStreamPrefix(runId: string): string {
  return `T${runId.toUpperCase()}_`;
}

/** Lowercase letters, digits and single underscores, at most 24 characters. */
export function sanitiseName(name: string): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, NAME_MAX)
    .replace(/_+$/, '');
  if (clean === '') throw new Error(`isolation name "${name}" has no letters or digits`);
  return clean;
}

/** The isolated names for `name` within run `runId`. */
export function isolationFor(runId: string, name: string): Isolation {
  const clean = sanitiseName(name);
  return {
    runId,
    schemaPrefix: `${runSchemaPrefix(runId)}${clean}_`,
    stream: `${runStreamPrefix(runId)}${clean.toUpperCase()}`,
    prefix: `t${runId}.${clean}`,
  };
}
