// The entry of an ingest worker thread (src/ingest/worker.ts). Plain JavaScript: a worker does not
// inherit the parent's TypeScript loader, so it registers tsx's before importing the job.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runIngestJob } = await import('./worker.ts');
await runIngestJob(workerData, parentPort);
