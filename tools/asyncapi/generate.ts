/**
 * Generates the AsyncAPI 3.0 document of every domain event from the contracts' zod schemas, so the catalogue
 * of events can never drift from what producers and consumers check. `--check` fails when the committed
 * document is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { allEvents, envelopeSchema } from '@iso27001/contracts';

const target = path.resolve(__dirname, '../../docs/asyncapi.json');

export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const envelope = z.toJSONSchema(envelopeSchema, { unrepresentable: 'any' }) as { properties: Record<string, unknown>; required: string[] };
  for (const event of allEvents) {
    const messageName = event.type.replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase());
    const { $schema: _ignored, ...data } = z.toJSONSchema(event.schema as z.ZodType, { unrepresentable: 'any' }) as Record<string, unknown>;
    messages[messageName] = {
      name: event.type,
      title: event.type,
      summary: event.description,
      contentType: 'application/json',
      payload: {
        type: 'object',
        required: envelope.required,
        properties: { ...envelope.properties, type: { const: event.type }, version: { const: event.version }, data },
      },
      bindings: { kafka: { key: { type: 'string', description: 'the subject (aggregate) id' } } },
    };
    const channel = channels[event.topic] as { address: string; messages: Record<string, unknown> } | undefined;
    channels[event.topic] = {
      address: event.topic,
      description: `Events of one aggregate, keyed by its id so they stay in order. Topics may carry a deployment prefix (KAFKA_TOPIC_PREFIX).`,
      messages: { ...(channel?.messages ?? {}), [messageName]: { $ref: `#/components/messages/${messageName}` } },
    };
    operations[`publish${messageName.charAt(0).toUpperCase()}${messageName.slice(1)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${event.topic.replace(/\//g, '~1')}` },
      messages: [{ $ref: `#/channels/${event.topic.replace(/\//g, '~1')}/messages/${messageName}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ISO 27001 platform domain events',
      version: '1.0.0',
      description:
        'Every state change another service cares about, as written to each service\'s transactional outbox and published to Kafka. ' +
        'Consumers are idempotent by event id; poison messages are parked on dlq.<service>.v1 with a dlq-reason header.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

function main(): void {
  const content = `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== content) {
      console.error('docs/asyncapi.json is stale: run "npm run asyncapi" and commit the result');
      process.exit(1);
    }
    console.log(`docs/asyncapi.json documents ${allEvents.length} event types and is current`);
    return;
  }
  writeFileSync(target, content);
  console.log(`docs/asyncapi.json written (${allEvents.length} event types)`);
}

if (require.main === module) main();
