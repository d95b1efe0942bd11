/**
 * Checkpoints of the SQLite write-ahead log in a worker thread (issue 17). SQLite's automatic
 * checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint` pages: it copies the log into
 * the database file and syncs both, on the event loop, in the middle of some request (measured with
 * the chat at 50 connections: a third of the database time). Here a second connection in a worker
 * does PASSIVE checkpoints (never waiting for, nor blocking, the writer) after every
 * `EVERY_COMMITS` commits, at most one at a time; the worker starts at the first one, so a store
 * that writes little never has one. The writer's own automatic checkpoint stays as the backstop,
 * at `BACKSTOP_PAGES`, should the worker fall behind or fail.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** commits between two checkpoints (8 kB pages, a chat answer dirties about ten) */
const EVERY_COMMITS = 32;
/**
 * the writer's own wal_autocheckpoint (pages) while a checkpointer is in use: 16 MB of 8 kB pages.
 * It also bounds the log file: a PASSIVE checkpoint beside a writer that keeps appending seldom
 * finishes the whole log, so the log restarts from its beginning after the writer's own checkpoint,
 * which then finds most pages copied already (measured under chat load: the same database time per
 * request as with 8192 pages, whose log file grew to 67 MB).
 */
export const BACKSTOP_PAGES = 2048;

/** the worker: CommonJS, evaluated; opens the same file and checkpoints when told */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', () => {
  let error = null;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    error = String((err && err.message) || err);
  }
  parentPort.postMessage({ error });
});
`;

export interface Checkpointer {
  /** counts a commit; every EVERY_COMMITS commits a checkpoint is started unless one is running */
  committed(): void;
  close(): Promise<void>;
}

export function walCheckpointer(file: string, onError: (message: string) => void = () => undefined): Checkpointer {
  let worker: Worker | null = null;
  let commits = 0;
  let running = false;
  let failed = false;
  const start = () => {
    const w = new Worker(WORKER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    w.unref();
    w.on('message', (m: { error: string | null }) => {
      running = false;
      if (m.error) onError(m.error);
    });
    w.on('error', (err) => {
      // the writer's own checkpoints go on (BACKSTOP_PAGES); no new worker is started
      failed = true;
      running = false;
      onError(err.message);
    });
    return w;
  };
  return {
    committed() {
      if (failed || ++commits < EVERY_COMMITS || running) return;
      commits = 0;
      running = true;
      worker ??= start();
      worker.postMessage(null);
    },
    async close() {
      failed = true;
      if (worker) await worker.terminate();
      worker = null;
    },
  };
}
