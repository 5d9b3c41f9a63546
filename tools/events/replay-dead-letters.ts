/**
 * Replays the events a service parked on its dead-letter topic, once their cause is fixed.
 *   npm run events:replay -- <service> [--type <event type>] [--dry-run]
 * e.g. `npm run events:replay -- training-service --dry-run` lists what is parked and why. Reads KAFKA_BROKERS
 * (default 127.0.0.1:9092) and KAFKA_TOPIC_PREFIX.
 */
import { parseArgs } from 'node:util';
import { createKafka, createLogger, replayDeadLetters } from '@iso27001/platform';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { type: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  const service = positionals[0];
  if (values.help || !service || !/^[a-z][a-z-]*-service$/.test(service)) {
    console.error('usage: npm run events:replay -- <name>-service [--type <event type>] [--dry-run]');
    return values.help ? 0 : 2;
  }
  const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
  const topicPrefix = process.env['KAFKA_TOPIC_PREFIX'] ?? '';
  const logger = createLogger('dead-letter-replay', 'warn');
  const kafka = createKafka({ brokers, clientId: 'dead-letter-replay', topicPrefix }, logger);
  const result = await replayDeadLetters({ kafka, service, topicPrefix, logger, type: values.type, dryRun: values['dry-run'] });
  const verb = values['dry-run'] ? 'would replay' : 'replayed';
  for (const event of result.replayed) console.log(`${verb}  ${event.type} ${event.eventId}  parked ${event.parkedAt}: ${event.reason}`);
  for (const event of result.skipped) console.log(`skipped   ${event.type ?? '(not an event)'} ${event.eventId ?? `offset ${event.partition}/${event.offset}`}: ${event.reason}`);
  console.log(`${service}: ${result.replayed.length} ${verb}, ${result.skipped.length} skipped`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
