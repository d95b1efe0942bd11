/**
 * PostgreSQL for tests: the server at BRYGGA_TEST_DATABASE_URL (default: 127.0.0.1:5432, trust
 * authentication, database `test`, as on this project's machines and in CI). Each test file takes
 * a fresh schema of its own (`freshSchema()`), reached through a URL whose `options` set the
 * search_path, and drops it afterwards.
 *
 * Under CI (CI=true) the PostgreSQL tests always run, so a missing server fails them; elsewhere
 * they are skipped with a one-line hint when the server cannot be reached.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.BRYGGA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const IN_CI = process.env.CI === 'true';

async function reachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** True when the PostgreSQL tests should run: the server answers, or CI demands them. Prints the hint once when skipping. */
export async function postgresTests(file: string): Promise<boolean> {
  if (IN_CI) return true;
  if (await reachable()) return true;
  console.warn(`[${file}] hoppar över PostgreSQL-testerna: ingen server på ${PG_URL} (starta PostgreSQL 15 eller sätt BRYGGA_TEST_DATABASE_URL)`);
  return false;
}

/** `url` with the search_path set to `schema` (libpq's `options`, which pg passes on). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A new empty schema; `url` connects into it; `drop()` removes it with everything in it. */
export async function freshSchema(): Promise<{ schema: string; url: string; query(sql: string, values?: unknown[]): Promise<pg.QueryResult>; drop(): Promise<void> }> {
  const schema = `brygga_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  return {
    schema,
    url: withSchema(PG_URL, schema),
    query: (sql, values) => admin.query(sql, values),
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    },
  };
}
