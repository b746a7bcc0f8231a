/** Injection tokens of the kit. */
export const SETTINGS = Symbol('kci.settings');
export const PINO = Symbol('kci.pino');
export const TOPOLOGY = Symbol('kci.topology');
