export * from './bootstrap.js';
export * from './config.js';
export * from './core.module.js';
export * from './database.js';
export * from './logger.js';
export * from './readiness.js';
export * from './tokens.js';
export * from './sleeper.js';
