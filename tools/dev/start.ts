/**
 * `npm start`: the whole platform on this machine with nothing configured — embedded PostgreSQL (unless
 * DATABASE_URL is set), the local Kafka broker (unless KAFKA_BROKERS is set), the six subgraphs, the gateway,
 * demo data and the portal. Ctrl-C stops everything it started.
 */
import path from 'node:path';
import { DEMO_USERS } from '../../apps/gateway/src/oidc/demo-users';
import { seedDemoData } from './demo-data';
import { Lifecycle, ROOT, StartAborted, startPlatform } from './platform';

function log(line: string): void {
  console.log(`[start] ${line}`);
}

const lifecycle = new Lifecycle();
let stopping: Promise<void> | null = null;

/** Ctrl-C at any moment, during start-up too, stops what has been started, in reverse order. */
function stop(): void {
  if (stopping) return;
  log('stopping…');
  stopping = lifecycle.stopAll(log).then(
    () => {
      log('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Whatever else ends the launcher, no child outlives it.
process.on('exit', () => lifecycle.killAll());

async function main(): Promise<void> {
  const began = Date.now();
  const platform = await startPlatform({
    databaseUrl: process.env['DATABASE_URL'],
    kafkaBrokers: process.env['KAFKA_BROKERS'],
    databasePrefix: process.env['DATABASE_PREFIX'] ?? 'iso_',
    topicPrefix: process.env['KAFKA_TOPIC_PREFIX'] ?? '',
    portal: (process.env['PORTAL_MODE'] as 'dev' | 'preview' | 'none' | undefined) ?? 'dev',
    dataDir: path.join(ROOT, '.data'),
    log,
  }, lifecycle);

  try {
    const seeded = await seedDemoData(platform, log);
    log(seeded ? 'demo data loaded' : 'demo data already present');
  } catch (error) {
    log(`demo data could not be loaded: ${(error as Error).message}`);
  }

  if (stopping) return;
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  console.log(`
ISO 27001 platform is up (${seconds} s)

  Portal        ${platform.portalUrl ?? '(not started)'}
  GraphQL       ${platform.gatewayUrl}   (Bearer token required)
  Sign-in       ${platform.issuer}   (embedded OpenID provider; tokens: authorization code + PKCE, see README)
  PostgreSQL    ${platform.databaseUrl.replace(/:[^:@/]+@/, ':***@')}
  Kafka         ${platform.kafkaBrokers}
  Logs          ${platform.logDir}

Demo people (password for all: ${platform.demoPassword}; set DEMO_PASSWORD to choose it):
${DEMO_USERS.map((user) => `  ${user.email.padEnd(32)} ${user.title}`).join('\n')}

Press Ctrl-C to stop everything.`);
}

main().catch((error: unknown) => {
  if (error instanceof StartAborted || stopping) return; // stop() is already under way
  console.error(`[start] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
