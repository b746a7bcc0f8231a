export const SCHEDULER_CONFIG = Symbol('sync-scheduler.config');
