/**
 * Binds the app to HOST:PORT and shuts down gracefully: on SIGTERM/SIGINT it stops accepting
 * connections, lets in-flight requests finish (bounded), then closes the Neo4j driver.
 */
import type { Server } from 'node:http';
import type { Logger } from '../log.ts';
import { createApp, type AppDeps } from './app.ts';

export interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function listen(deps: AppDeps): Promise<Running> {
  const { config, db } = deps;
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), 10_000);
      await drained;
      clearTimeout(timer);
      await db.close();
    })());
  return { url, server, close };
}

/** Installs SIGTERM/SIGINT handlers that close `running` and exit. */
export function closeOnSignals(running: Running, logger: Logger): void {
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
