/**
 * An ingest in a worker thread (issue 17): the index build is CPU work of seconds to minutes, and a
 * server that rebuilds a stale index (at start, or from the admin area's re-index button) must keep
 * answering from the old index meanwhile. The worker runs `ingest` with the same options and sends
 * its log lines and progress back; the new index is switched in atomically by the ingest itself, and
 * the caller loads it when the worker is done.
 */
import type { MessagePort } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';
import { ingest, type IngestOptions, type IngestSummary } from './ingest.js';

type Job = Pick<IngestOptions, 'knowledgeDir' | 'dataDir' | 'offlineDense' | 'fresh'>;

type Message =
  | { type: 'progress'; done: number; total: number; what: string }
  | { type: 'log'; level: 'info' | 'warn'; msg: string }
  | { type: 'done'; summary: IngestSummary }
  | { type: 'error'; message: string };

/**
 * Runs `ingest` in a worker thread. Options that cannot cross threads (an external embedder) are not
 * accepted: such an ingest runs in the caller's thread. Rejects with the ingest's own error message.
 */
export function ingestInWorker(opts: Omit<IngestOptions, 'embedder'>): Promise<IngestSummary> {
  const job: Job = { knowledgeDir: opts.knowledgeDir, dataDir: opts.dataDir, offlineDense: opts.offlineDense, fresh: opts.fresh };
  return new Promise((resolve, reject) => {
    // from the build (dist/, plain JavaScript) the compiled job runs as it is; from the sources, through tsx
    const entry = import.meta.url.endsWith('.js') ? new URL('./worker-job.js', import.meta.url) : new URL('./worker-entry.mjs', import.meta.url);
    const worker = new Worker(entry, { workerData: job });
    let settled = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') opts.progress?.(m.done, m.total, m.what);
      else if (m.type === 'log') opts.logger?.[m.level](m.msg);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.summary);
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`indexeringen avbröts (kod ${code})`));
      settled = true;
    });
  });
}

/** The worker's side (run by worker-job.ts). */
export async function runIngestJob(job: Job, port: MessagePort | null): Promise<void> {
  const send = (m: Message) => port?.postMessage(m);
  try {
    const summary = await ingest({
      ...job,
      logger: { info: (msg) => send({ type: 'log', level: 'info', msg }), warn: (msg) => send({ type: 'log', level: 'warn', msg }) },
      progress: (done, total, what) => send({ type: 'progress', done, total, what }),
    });
    send({ type: 'done', summary });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
