/**
 * HTTP benchmark: POST /api/chat offline (JSON and SSE) with 50 concurrent connections for about
 * 10 s each against the real server (and GET /healthz, the server's own overhead) on 127.0.0.1 (rate limits off), and the widget's size.
 * Runs on a temporary copy of the data dir so the conversations it creates go nowhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../../evals/table.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { buildServer } from '../server/app.js';
import { loadWidget } from '../server/web.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (opts: Record<string, unknown>) => PromiseLike<AutocannonResult> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
// autocannon ships no types; this is the part of its API used here
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const CHILD_FLAG = '--bench-http-server';
const DURATION_S = 10;

/** Everyday questions a resident might ask (benchmark load, not eval cases). */
const QUESTIONS = [
  'Vad är ett socialt företag?',
  'Hur kan kommunen samarbeta med idéburen sektor?',
  'Vad betyder samskapande?',
  'Vilka projekt finansierades av Europeiska socialfonden?',
  'What is a work-integrating social enterprise?',
  'Hur fungerar reserverade upphandlingar?',
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function load(url: string, stream: boolean | 'healthz', connections = CONNECTIONS, durationS = DURATION_S) {
  const latencies: number[] = [];
  let i = 0;
  const instance = autocannon({
    url: stream === 'healthz' ? `${url}/healthz` : `${url}/api/chat`,
    connections,
    duration: durationS,
    requests: stream === 'healthz' ? undefined : [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}) },
          body: JSON.stringify({ message: QUESTIONS[i++ % QUESTIONS.length] }),
        }),
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    reqPerSec: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    errors: result.errors + result.non2xx,
    detail: `timeouts ${result.timeouts}, other errors ${result.errors - result.timeouts}, non-2xx ${result.non2xx}`,
  };
}

/**
 * The server runs in a child process so that the load generator does not share its event loop
 * (the machine has 2 cores); the child is this module started with --bench-http-server.
 */
export async function startChild(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ url: string; readyMs: number; stop(): Promise<{ dbMs: number | null }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG], {
    env: { ...process.env, BRYGGA_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let buf = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (lines.length === 1) resolve(lines[0]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the benchmark server stopped (exit ${code})`)));
  });
  const { url, readyMs } = JSON.parse(line) as { url: string; readyMs: number };
  return {
    url,
    readyMs,
    // the child's last line says how long it spent in the database
    stop: () =>
      new Promise<{ dbMs: number | null }>((resolve) => {
        child.once('exit', () => {
          // (log lines may come between: the one with dbMs is the child's answer)
          const last = lines
            .slice(1)
            .reverse()
            .map((l) => {
              try {
                return JSON.parse(l) as { dbMs?: unknown };
              } catch {
                return {};
              }
            })
            .find((o) => 'dbMs' in o);
          resolve({ dbMs: typeof last?.dbMs === 'number' ? last.dbMs : null });
        });
        child.kill('SIGTERM');
      }),
  };
}

async function childMain(): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'warn' };
  const server = await buildServer({ config, logger: createLogger({ logLevel: 'warn' }), rateLimits: false, channels: [] });
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const t0 = Date.now();
  await server.ready;
  process.stdout.write(JSON.stringify({ url, readyMs: Date.now() - t0 }) + '\n');
  process.once('SIGTERM', () => {
    const store = server.store as { dbTimeMs?: () => number };
    process.stdout.write(JSON.stringify({ dbMs: store.dbTimeMs?.() ?? null }) + '\n');
    void server.close().then(() => process.exit(0));
  });
}

export async function bench(out: NodeJS.WritableStream): Promise<void> {
  const base = loadConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brygga-bench-http-'));
  if (fs.existsSync(base.dataDir)) {
    fs.cpSync(base.dataDir, dataDir, { recursive: true, filter: (src) => !path.basename(src).startsWith('brygga.sqlite') });
  }
  const server = await startChild(dataDir);
  try {
    out.write(
      `server in its own process, index ready in ${server.readyMs} ms; ${CONNECTIONS} connections, ${DURATION_S} s per row, offline (extractive)\n\n`,
    );
    const rows: Array<Array<string | number>> = [];
    const notes: string[] = [];
    for (const [name, stream] of [
      ['POST /api/chat (JSON)', false],
      ['POST /api/chat (SSE)', true],
      ['GET /healthz (server alone)', 'healthz'],
    ] as const) {
      const r = await load(server.url, stream);
      if (r.errors) notes.push(`${name}: ${r.detail}`);
      rows.push([name, r.reqPerSec.toFixed(0), r.p50.toFixed(1), r.p95.toFixed(1), r.p99.toFixed(1), r.total, r.errors]);
    }
    out.write(formatTable(['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors'], rows) + '\n');
    for (const n of notes) out.write(`  ${n}\n`);
    out.write('\n');

    const w = loadWidget();
    out.write(
      formatTable(
        ['widget.js', 'bytes', 'kB'],
        [
          ['raw', w.raw.length, (w.raw.length / 1024).toFixed(1)],
          ['gzip', w.gzip.length, (w.gzip.length / 1024).toFixed(1)],
        ],
      ) + '\n',
    );
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD_FLAG) {
  childMain().catch((err: unknown) => {
    process.stderr.write(`benchmark server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
