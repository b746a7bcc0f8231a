export * from './events.js';
export * from './queries.js';
export * from './subjects.js';
