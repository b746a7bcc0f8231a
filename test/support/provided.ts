/** The values global-setup hands to every integration and e2e test file (`inject(...)`). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL for this run; each test file makes its own schemas (see isolation.ts). */
    databaseUrl: string;
    /** NATS with JetStream for this run; each test file makes its own stream. */
    natsUrl: string;
    /** Random short lowercase id, in every schema, stream and subject this run makes. */
    runId: string;
  }
}

export {};
