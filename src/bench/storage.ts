/**
 * Storage benchmark (issue 15): POST /api/chat (JSON, offline) with 50 concurrent connections for
 * 10 s against one replica on SQLite, one on PostgreSQL and two on PostgreSQL (the load split over
 * both, 25 connections each, as a load balancer would), each server in its own process, rate limits
 * off. Reports requests per second, p50/p95 and the time each request spent waiting for the
 * database (the store's own clock, summed over the replicas, divided by the requests served), under
 * that load and with one request at a time (5 s, one replica), where no other request's CPU work
 * delays the resumption after the database answered.
 *
 * PostgreSQL: BRYGGA_BENCH_DATABASE_URL, else BRYGGA_DATABASE_URL, else the local test server
 * (postgres://postgres@127.0.0.1:5432/test); the rows run in a schema of their own, dropped after.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { formatTable } from '../../evals/table.js';
import { loadConfig } from '../config.js';
import { load, QUESTIONS, startChild } from './http.js';

const CONNECTIONS = 50;

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function bench(out: NodeJS.WritableStream): Promise<void> {
  const base = loadConfig();
  const pgUrl = process.env.BRYGGA_BENCH_DATABASE_URL ?? process.env.BRYGGA_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  let schema: string | null = null;
  try {
    await admin.connect();
    schema = `brygga_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (err) {
    out.write(`PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, '//…@')} not reachable (${(err as Error).message}): only SQLite is measured\n`);
  }
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-bench-storage-'));
    if (fs.existsSync(base.dataDir)) fs.cpSync(base.dataDir, dir, { recursive: true, filter: (src) => !path.basename(src).startsWith('brygga.sqlite') });
    dirs.push(dir);
    return dir;
  };
  const pgEnv = schema ? { BRYGGA_DATABASE_URL: withSchema(pgUrl, schema), BRYGGA_LINK_SECRET: randomBytes(24).toString('base64url') } : null;

  const rows: Array<Array<string | number>> = [];
  /** starts `replicas` servers, loads them with `connections` in all for `seconds`, stops them */
  const measure = async (replicas: number, env: Record<string, string>, connections: number, seconds: number) => {
    const servers = [];
    // one after the other: the first applies the migrations
    for (let i = 0; i < replicas; i++) servers.push(await startChild(dataDir(), env));
    let stopped: Array<{ dbMs: number | null }> | null = null;
    try {
      const results = await Promise.all(servers.map((s) => load(s.url, { stream: false, questions: QUESTIONS }, Math.max(1, Math.floor(connections / replicas)), seconds)));
      stopped = await Promise.all(servers.map((s) => s.stop()));
      const total = results.reduce((n, r) => n + r.total, 0);
      const dbMs = stopped.every((x) => x.dbMs !== null) ? stopped.reduce((n, x) => n + x.dbMs!, 0) : null;
      return {
        total,
        errors: results.reduce((n, r) => n + r.errors, 0),
        reqPerSec: results.reduce((n, r) => n + r.reqPerSec, 0),
        // percentiles over all replicas' responses: the worse replica's is an upper bound
        p50: Math.max(...results.map((r) => r.p50)),
        p95: Math.max(...results.map((r) => r.p95)),
        dbPerRequest: dbMs === null ? null : dbMs / Math.max(1, total),
      };
    } finally {
      if (!stopped) await Promise.all(servers.map((s) => s.stop()));
    }
  };
  const run = async (name: string, replicas: number, env: Record<string, string> | null) => {
    if (!env) return;
    const busy = await measure(replicas, env, CONNECTIONS, 10);
    // one request at a time: the database's own time per request, without waiting behind other requests' CPU work
    const alone = await measure(1, env, 1, 5);
    const ms = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
    rows.push([name, busy.reqPerSec.toFixed(0), busy.p50.toFixed(1), busy.p95.toFixed(1), busy.total, busy.errors, ms(busy.dbPerRequest), ms(alone.dbPerRequest), alone.p50.toFixed(1)]);
  };

  try {
    out.write(`POST /api/chat (JSON, offline), ${CONNECTIONS} connections in all, 10 s per row, ${os.cpus().length} cores shared by load generator, replicas and PostgreSQL\n\n`);
    await run('1 replica, SQLite', 1, {});
    await run('1 replica, PostgreSQL', 1, pgEnv);
    await run('2 replicas, PostgreSQL', 2, pgEnv);
    out.write(formatTable(['setup', 'req/s', 'p50 ms', 'p95 ms', 'requests', 'errors', 'db ms/req (busy)', 'db ms/req (alone)', 'p50 ms (alone)'], rows) + '\n');
    out.write('  p50/p95 of two replicas: the higher of the two. db ms/req: time the store spent waiting for its database per request served,\n');
    out.write('  under the load above (busy: includes waiting for the event loop, which other requests keep busy) and one request at a time (alone).\n');
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    if (schema) await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
