import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Envelope, envelopeSchema, EventDefinition } from '@iso27001/contracts';
import { testKafka } from './kafka';
import { TEST_ORGANISATION_ID } from './subgraph';

/** Everything of an envelope but its type, version and data; each has a default a producer would give it. */
export interface EnvelopeOptions {
  id?: string;
  /** The aggregate the event is about, and the message key. Defaults to `data.id` when there is one. */
  subjectId?: string;
  occurredAt?: string;
  /** The producing service; defaults to the domain of the event type (`risk` → `risk-service`). */
  source?: string;
  organisationId?: string;
  actor?: string;
  correlationId?: string;
  causationId?: string | null;
}

/** Thrown when a test builds an event its own contract refuses: the test, not the consumer, is wrong. */
export class TestEventContractError extends Error {}

function subjectOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * An envelope as another service's outbox would write it: type and version from the contract, `data` checked
 * against the contract's schema (as the outbox checks it), the rest defaulted or taken from `options`.
 */
export function buildEnvelope<TData>(definition: EventDefinition<TData>, data: TData, options: EnvelopeOptions = {}): Envelope<TData> {
  const checked = definition.schema.safeParse(data);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new TestEventContractError(`${definition.type} v${definition.version} does not match its schema: ${problems}`);
  }
  const subjectId = options.subjectId ?? subjectOf(data);
  if (!subjectId) throw new TestEventContractError(`${definition.type}: data has no string id, so give options.subjectId`);
  const envelope = {
    id: options.id ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: options.occurredAt ?? new Date().toISOString(),
    source: options.source ?? `${definition.type.split('.')[0]}-service`,
    organisationId: options.organisationId ?? TEST_ORGANISATION_ID,
    actor: options.actor ?? randomUUID(),
    subjectId,
    correlationId: options.correlationId ?? randomUUID(),
    causationId: options.causationId ?? null,
    data: checked.data,
  };
  const shape = envelopeSchema.safeParse(envelope);
  if (!shape.success) {
    const problems = shape.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new TestEventContractError(`${definition.type} envelope is malformed: ${problems}`);
  }
  return Object.freeze(envelope);
}

/**
 * Publishes events the way another service's outbox relay would: on the contract's topic under the test's topic
 * prefix, keyed by subject id, acknowledged by all in-sync replicas before the promise resolves.
 */
export class TestEventPublisher {
  private constructor(
    private readonly producer: Producer,
    readonly topicPrefix: string,
  ) {}

  /** Connects a producer (one per test file; `disconnect` it in `afterAll`). */
  static async connect(topicPrefix: string, clientId = 'test-stand-in'): Promise<TestEventPublisher> {
    const producer = testKafka(clientId).producer();
    await producer.connect();
    return new TestEventPublisher(producer, topicPrefix);
  }

  /** The full topic name of an event type in this test run. */
  topic(definition: EventDefinition<unknown>): string {
    return `${this.topicPrefix}${definition.topic}`;
  }

  /** Builds an envelope from the contract (see `buildEnvelope`), publishes it and returns it. */
  publishAs = async <TData>(definition: EventDefinition<TData>, data: TData, options: EnvelopeOptions = {}): Promise<Envelope<TData>> => {
    const envelope = buildEnvelope(definition, data, options);
    await this.publishEnvelope(definition, envelope);
    return envelope;
  };

  /** Publishes envelopes exactly as given, e.g. a redelivery of one already sent, keyed by their subject ids. */
  publishEnvelope = async <TData>(definition: EventDefinition<TData>, ...envelopes: Envelope<TData>[]): Promise<void> => {
    await this.publishRaw(
      definition,
      envelopes.map((envelope) => ({ key: envelope.subjectId, value: JSON.stringify(envelope) })),
    );
  };

  /** Publishes messages as they are, for what no producer should send (broken JSON, data its schema refuses). */
  publishRaw = async (definition: EventDefinition<unknown>, messages: { key: string; value: string }[]): Promise<void> => {
    await this.producer.send({ topic: this.topic(definition), acks: -1, messages });
  };

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
