/**
 * Storage benchmark (issue 15): POST /api/chat (JSON, offline) with 50 concurrent connections for
 * 10 s against one replica on SQLite, one on PostgreSQL and two on PostgreSQL (the load split over
 * both, 25 connections each, as a load balancer would), each server in its own process, rate limits
 * off. Reports requests per second, p50/p95 and the time each request spent waiting for the
 * database (the store's own clock, summed over the replicas, divided by the requests served).
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
import { load, startChild } from './http.js';

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
  const run = async (name: string, replicas: number, env: Record<string, string> | null) => {
    if (!env) return;
    const servers = [];
    // one after the other: the first applies the migrations
    for (let i = 0; i < replicas; i++) servers.push(await startChild(dataDir(), env));
    let stopped: Array<{ dbMs: number | null }> = [];
    try {
      const results = await Promise.all(servers.map((s) => load(s.url, false, Math.floor(CONNECTIONS / replicas))));
      stopped = await Promise.all(servers.map((s) => s.stop()));
      const total = results.reduce((n, r) => n + r.total, 0);
      const errors = results.reduce((n, r) => n + r.errors, 0);
      const reqPerSec = results.reduce((n, r) => n + r.reqPerSec, 0);
      // percentiles over all replicas' responses: the worst replica's p95 is an upper bound of it
      const p50 = Math.max(...results.map((r) => r.p50));
      const p95 = Math.max(...results.map((r) => r.p95));
      const dbMs = stopped.every((s) => s.dbMs !== null) ? stopped.reduce((n, s) => n + s.dbMs!, 0) : null;
      rows.push([name, reqPerSec.toFixed(0), p50.toFixed(1), p95.toFixed(1), total, errors, dbMs === null ? 'n/a' : (dbMs / Math.max(1, total)).toFixed(2)]);
    } finally {
      if (!stopped.length) await Promise.all(servers.map((s) => s.stop()));
    }
  };

  try {
    out.write(`POST /api/chat (JSON, offline), ${CONNECTIONS} connections in all, 10 s per row, ${os.cpus().length} cores shared by load generator, replicas and PostgreSQL\n\n`);
    await run('1 replica, SQLite', 1, {});
    await run('1 replica, PostgreSQL', 1, pgEnv);
    await run('2 replicas, PostgreSQL', 2, pgEnv);
    out.write(formatTable(['setup', 'req/s', 'p50 ms', 'p95 ms', 'requests', 'errors', 'db ms/request'], rows) + '\n');
    out.write('  p50/p95 of two replicas: the higher of the two. db ms/request: time the store spent waiting for its database, per request served.\n');
  } finally {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    if (schema) await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
