/**
 * What an ingest worker thread runs (src/ingest/worker.ts): the job in `workerData`, reported
 * through `parentPort`. Loaded directly when Brygga runs from its build (dist/), and through
 * worker-entry.mjs (which registers tsx's loader first) when it runs from the sources.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runIngestJob } from './worker.js';

await runIngestJob(workerData, parentPort);
