// The entry of an ingest worker thread when Brygga runs from its TypeScript sources
// (src/ingest/worker.ts): a worker does not inherit the parent's TypeScript loader, so it registers
// tsx's before importing the job. From the build (dist/), worker-job.js is the entry itself.
import { register } from 'tsx/esm/api';

register();
await import('./worker-job.ts');
