/**
 * `brygga serve` (and `npm start`): starts the HTTP server on PORT at once; the index is loaded
 * (or built on first start) in the background and /readyz answers 200 when it is ready.
 */
import { adminEnabled, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { buildServer } from '../server/app.js';
import { parse } from './args.js';

/**
 * The plain lines printed when the server can answer: "Brygga är redo: <url>" and, when the admin
 * area is configured, "Administration: <url>/admin". `address` is what fastify's listen returned
 * (e.g. "http://0.0.0.0:3000"); a wildcard host is shown as localhost, which a browser can open.
 */
export function readyLines(address: string, admin: boolean): string[] {
  const u = new URL(address);
  if (u.hostname === '0.0.0.0' || u.hostname === '[::]' || u.hostname === '::') u.hostname = 'localhost';
  const base = u.origin;
  return [`Brygga är redo: ${base}`, ...(admin ? [`Administration: ${base}/admin`] : [])];
}

export async function run(argv: string[]): Promise<number> {
  parse(argv, {});
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await buildServer({ config, logger });
  const address = await server.app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'Brygga lyssnar');
  server.ready.then(
    () => {
      logger.info('Brygga är redo att svara');
      // one plain line for the person who just ran `npm start` (the log lines are JSON)
      process.stdout.write(readyLines(address, adminEnabled(config)).join('\n') + '\n');
    },
    () => logger.error('Brygga kunde inte läsa in indexet; /readyz svarar 503'),
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stänger av');
      server.close().then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err }, 'avstängningen misslyckades');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
