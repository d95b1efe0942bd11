/**
 * `brygga serve` (and `npm start`): starts the HTTP server on PORT at once; the index is loaded
 * (or built on first start) in the background and /readyz answers 200 when it is ready.
 */
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { buildServer } from '../server/app.js';
import { parse } from './args.js';

export async function run(argv: string[]): Promise<number> {
  parse(argv, {});
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await buildServer({ config, logger });
  const address = await server.app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'Brygga lyssnar');
  server.ready.then(
    () => logger.info('Brygga är redo att svara'),
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
