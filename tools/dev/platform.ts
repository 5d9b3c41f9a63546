import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { ManagedProcess, startProcess, waitForHttp } from './processes';
import {
  EMBEDDED_POSTGRES_PORT,
  GATEWAY_PORT as BASE_GATEWAY_PORT,
  PORTAL_DEV_PORT as BASE_PORTAL_DEV_PORT,
  PORTAL_PREVIEW_PORT as BASE_PORTAL_PREVIEW_PORT,
  SERVICES as SERVICE_PORTS,
} from './services';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../..');

export interface PlatformOptions {
  /** A PostgreSQL server URL; unset starts an embedded PostgreSQL under .data/postgres. */
  databaseUrl?: string;
  /** Kafka bootstrap servers; unset starts the local broker of infra/kafka. */
  kafkaBrokers?: string;
  /** Prefix of each service's database name (`iso_` gives iso_isms, iso_risk, ...). */
  databasePrefix: string;
  topicPrefix: string;
  portal: 'dev' | 'preview' | 'none';
  dataDir: string;
  log: (line: string) => void;
  /**
   * Added to every port of the services, the gateway and the portal, so a second platform (the tests') can run
   * beside one started by `npm start`. Default 0.
   */
  portOffset?: number;
}

export interface RunningPlatform {
  gatewayUrl: string;
  gatewayOrigin: string;
  /** The gateway's embedded OpenID provider, where the demo users sign in. */
  issuer: string;
  /** The demo users' password (DEMO_PASSWORD, or one made once and kept in the data folder). */
  demoPassword: string;
  portalUrl: string | null;
  databaseUrl: string;
  kafkaBrokers: string;
  logDir: string;
  stop(): Promise<void>;
}

/** DEMO_PASSWORD, or a password made on the first start and kept in the (git-ignored) data folder. */
function demoPasswordFor(dataDir: string): string {
  const fromEnv = process.env['DEMO_PASSWORD'];
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'demo-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = `demo-${randomBytes(6).toString('base64url')}`;
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

interface Stoppable {
  name: string;
  stop(): Promise<void>;
  /** Last resort when the launcher itself is exiting: synchronous. */
  kill?(): void;
}

export class StartAborted extends Error {}

/**
 * What the launcher has started, stopped in reverse order. A stop requested while the platform is still starting
 * (Ctrl-C during start-up) aborts the remaining steps; if the launcher exits any other way, `killAll` makes sure no
 * child outlives it.
 */
export class Lifecycle {
  private readonly parts: Stoppable[] = [];
  private aborted = false;

  add(part: Stoppable): void {
    this.parts.push(part);
  }

  checkpoint(): void {
    if (this.aborted) throw new StartAborted('start-up interrupted');
  }

  async stopAll(log: (line: string) => void): Promise<void> {
    this.aborted = true;
    while (this.parts.length > 0) {
      const part = this.parts.pop()!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      try {
        await part.stop();
      } catch (error) {
        log(`${part.name}: stop failed: ${(error as Error).message}`);
      }
    }
  }

  killAll(): void {
    for (const part of this.parts.reverse()) part.kill?.();
    this.parts.length = 0;
  }
}

/** Fails with the port's name when something already listens there: never talk to another platform's process. */
async function assertPortFree(port: number, what: string): Promise<void> {
  const busy = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
  if (busy) throw new Error(`port ${port} (${what}) is already in use: stop whatever runs there (another npm start?) and try again`);
}

async function waitForPostgres(url: string, process: ManagedProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.child.exitCode !== null) throw new Error(`embedded PostgreSQL exited (code ${process.child.exitCode}); see ${process.logFile}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`embedded PostgreSQL not ready after ${timeoutMs} ms; see ${process.logFile}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Starts the whole platform: database server, broker, the six subgraphs, the gateway and the portal. Whatever it
 * started it stops again, in reverse order, on `stop()` or when a step fails.
 */
export async function startPlatform(options: PlatformOptions, lifecycle = new Lifecycle()): Promise<RunningPlatform> {
  const offset = options.portOffset ?? 0;
  const SERVICES = SERVICE_PORTS.map((service) => ({ ...service, port: service.port + offset }));
  const GATEWAY_PORT = BASE_GATEWAY_PORT + offset;
  const PORTAL_DEV_PORT = BASE_PORTAL_DEV_PORT + offset;
  const PORTAL_PREVIEW_PORT = BASE_PORTAL_PREVIEW_PORT + offset;
  const logDir = path.join(options.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const started = { push: (part: Stoppable) => lifecycle.add(part) };
  const managed = (child: ManagedProcess, timeoutMs?: number): Stoppable => ({ name: child.name, stop: () => child.stop(timeoutMs), kill: () => void child.child.kill('SIGTERM') });
  const stopAll = (): Promise<void> => lifecycle.stopAll(options.log);

  try {
    const ports: [number, string][] = [
      ...SERVICES.map((s): [number, string] => [s.port, s.project]),
      [GATEWAY_PORT, 'gateway'],
      ...(options.portal === 'dev' ? [[PORTAL_DEV_PORT, 'portal'] as [number, string]] : options.portal === 'preview' ? [[PORTAL_PREVIEW_PORT, 'portal'] as [number, string]] : []),
      ...(options.databaseUrl ? [] : [[EMBEDDED_POSTGRES_PORT, 'embedded PostgreSQL'] as [number, string]]),
    ];
    for (const [port, what] of ports) await assertPortFree(port, what);

    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      const databaseDir = path.join(options.dataDir, 'postgres');
      options.log(`postgres: embedded PostgreSQL in ${databaseDir}${existsSync(path.join(databaseDir, 'PG_VERSION')) ? '' : ' (initialising)'}`);
      const postgres = startProcess('postgres', process.execPath, ['-r', '@swc-node/register', 'tools/dev/embedded-postgres.ts', databaseDir, String(EMBEDDED_POSTGRES_PORT)], {
        cwd: ROOT,
        logDir,
        env: process.env,
      });
      started.push(managed(postgres, 30_000));
      databaseUrl = `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_POSTGRES_PORT}/postgres`;
      await waitForPostgres(databaseUrl, postgres);
      lifecycle.checkpoint();
      options.log(`postgres: embedded PostgreSQL on 127.0.0.1:${EMBEDDED_POSTGRES_PORT}`);
    }

    let kafkaBrokers = options.kafkaBrokers;
    if (!kafkaBrokers) {
      const env = { ...process.env, KAFKA_DATA_DIR: path.join(options.dataDir, 'kafka') };
      options.log('kafka: starting the local broker (infra/kafka; the first run resolves its jars with Maven)');
      const { stdout } = await run('bash', [path.join(ROOT, 'infra/kafka/start.sh')], { env, cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
      options.log(stdout.trim().split('\n').pop() ?? 'kafka: started');
      started.push({
        name: 'kafka',
        stop: async () => void (await run('bash', [path.join(ROOT, 'infra/kafka/stop.sh')], { env, cwd: ROOT })),
        kill: () => void execFileSync('bash', [path.join(ROOT, 'infra/kafka/stop.sh')], { env, cwd: ROOT, stdio: 'ignore' }),
      });
      kafkaBrokers = '127.0.0.1:9092';
      lifecycle.checkpoint();
    }

    const claimsSecret = process.env['CLAIMS_SECRET'] ?? randomBytes(32).toString('hex');
    const node = process.execPath;
    const common = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      KAFKA_TOPIC_PREFIX: options.topicPrefix,
      CLAIMS_SECRET: claimsSecret,
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      // evidence-service fetches the documents it stores as generated evidence from the services that own their data.
      DOCUMENT_SOURCES: SERVICES.filter((s) => ['isms', 'risk', 'controls', 'training', 'audit'].includes(s.name)).map((s) => `${s.name}=http://127.0.0.1:${s.port}`).join(','),
    };

    const services: ManagedProcess[] = SERVICES.map((service) => {
      const child = startProcess(service.project, node, ['-r', '@swc-node/register', `apps/${service.project}/src/main.ts`], {
        cwd: ROOT,
        logDir,
        env: { ...common, PORT: String(service.port), DATABASE_NAME: `${options.databasePrefix}${service.name}` },
      });
      started.push(managed(child));
      return child;
    });
    await Promise.all(services.map((child, index) => waitForHttp(`http://127.0.0.1:${SERVICES[index]!.port}/readyz`, child)));
    lifecycle.checkpoint();
    options.log(`services: ${SERVICES.map((s) => `${s.project} :${s.port}`).join(', ')}`);

    const gatewayOrigin = `http://127.0.0.1:${GATEWAY_PORT}`;
    const issuer = `${gatewayOrigin}/oidc`;
    const demoPassword = demoPasswordFor(options.dataDir);
    const gateway = startProcess('gateway', node, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
      cwd: ROOT,
      logDir,
      env: {
        ...common,
        PORT: String(GATEWAY_PORT),
        // The gateway's own database (its replicas count requests per caller there), named like the services'.
        DATABASE_NAME: `${options.databasePrefix}gateway`,
        SUBGRAPH_URLS: SERVICES.map((s) => `${s.name}=http://127.0.0.1:${s.port}/graphql`).join(','),
        OIDC_ISSUER: issuer,
        DEMO_PASSWORD: demoPassword,
        CORS_ORIGINS:
          process.env['CORS_ORIGINS'] ??
          [PORTAL_DEV_PORT, PORTAL_PREVIEW_PORT].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]).join(','),
      },
    });
    started.push(managed(gateway));
    await waitForHttp(`${gatewayOrigin}/healthz`, gateway);
    lifecycle.checkpoint();

    let portalUrl: string | null = null;
    if (options.portal !== 'none') {
      const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
      const env = { ...common, VITE_GATEWAY_URL: gatewayOrigin };
      const portalDist = path.join(options.dataDir, 'portal-dist');
      if (options.portal === 'preview') {
        // Built into this platform's data folder: a second platform (a test run beside `npm start`) builds its own,
        // with its own gateway address, instead of replacing the bundle this one serves.
        await run(node, [vite, 'build', '--logLevel', 'warn', '--outDir', portalDist, '--emptyOutDir'], { cwd: path.join(ROOT, 'apps/portal'), env, maxBuffer: 10 * 1024 * 1024 });
      }
      const port = options.portal === 'dev' ? PORTAL_DEV_PORT : PORTAL_PREVIEW_PORT;
      const args = options.portal === 'dev' ? [vite, '--host', '127.0.0.1', '--port', String(port), '--strictPort'] : [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', portalDist];
      const portal = startProcess('portal', node, args, { cwd: path.join(ROOT, 'apps/portal'), logDir, env });
      started.push(managed(portal));
      portalUrl = `http://127.0.0.1:${port}/`;
      await waitForHttp(portalUrl, portal);
    }

    return { gatewayUrl: `${gatewayOrigin}/graphql`, gatewayOrigin, issuer, demoPassword, portalUrl, databaseUrl, kafkaBrokers, logDir, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
