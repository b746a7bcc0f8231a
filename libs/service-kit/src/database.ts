import type { Constructor, EntityClass } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger as Pino } from 'pino';

export interface DatabaseOptions {
  url: string;
  /** The service's own schema (prefix included); every unqualified table lives there. */
  schema: string;
  poolMax: number;
  entities: EntityClass<object>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  logger: Pino;
}

/** The service's own Postgres schema: MikroORM, migrations applied at start, a ping for readiness. */
export class Database {
  private constructor(
    readonly orm: MikroORM,
    readonly schema: string,
  ) {}

  /** Connects, creates the schema if needed and applies the committed migrations. */
  static async open(options: DatabaseOptions): Promise<Database> {
    const { schema } = options;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const orm = await MikroORM.init({
      driver: PostgreSqlDriver,
      clientUrl: options.url,
      schema,
      entities: options.entities,
      discovery: { warnWhenNoEntities: false },
      pool: { min: 0, max: options.poolMax },
      // Unqualified SQL (migrations, repositories) resolves in the service's own schema.
      driverOptions: { connection: { options: `-c search_path=${schema}` } },
      extensions: [Migrator],
      migrations: {
        tableName: 'mikro_orm_migrations',
        migrationsList: options.migrations,
        transactional: true,
        allOrNothing: true,
        snapshot: false,
      },
      allowGlobalContext: false,
      debug: false,
      logger: (message) => options.logger.debug({ context: 'mikro-orm' }, message),
    });
    // Replicas starting together race to create the schema and apply migrations: the losers
    // fail on a unique violation; trying again finds the work done.
    for (let attempt = 1; ; attempt++) {
      try {
        await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
        const applied = await orm.getMigrator().up();
        if (applied.length > 0) {
          options.logger.info(
            { schema, migrations: applied.map((m) => m.name) },
            'migrations applied',
          );
        }
        return new Database(orm, schema);
      } catch (e) {
        if (attempt >= 5) {
          await orm.close(true);
          throw e;
        }
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 400 * attempt));
      }
    }
  }

  /** A fresh EntityManager for one unit of work (a message, a request). */
  em(): EntityManager {
    return this.orm.em.fork();
  }

  /** Runs SQL in the service's schema. */
  async execute<T extends object = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return this.orm.em.getConnection().execute<T[]>(sql, params);
  }

  /**
   * Runs SQL in the service's schema with its parameters sent apart from the text (bound as
   * `$1`… by the server). `execute` inlines them, escaping every character in JavaScript: for a
   * batch's JSON of a few megabytes that costs more CPU, and garbage, than the query itself.
   * Type each parameter where PostgreSQL cannot infer it (`?::int`, `?::jsonb`).
   */
  async query<T extends object = Record<string, unknown>>(
    sql: string,
    params: Knex.RawBinding[] = [],
  ): Promise<T[]> {
    const result = await this.orm.em.getConnection().getKnex().raw<{ rows: T[] }>(sql, params);
    return result.rows;
  }

  /** Readiness: undefined when the database answers, else why not. */
  async problem(): Promise<string | undefined> {
    try {
      await this.orm.em.getConnection().execute('select 1');
      return undefined;
    } catch (e) {
      return `PostgreSQL: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
