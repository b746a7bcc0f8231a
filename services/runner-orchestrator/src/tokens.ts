export const ORCHESTRATOR_CONFIG = Symbol('runner-orchestrator.config');
