import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Envelope, EventDefinition } from '@iso27001/contracts';
import { OutboxEvent } from './outbox-event.entity';

/** Who and what caused a change: carried into every event the change records. */
export interface EventContext {
  organisationId: string;
  actor: string;
  correlationId: string;
  causationId?: string | null;
}

export class EventSchemaError extends Error {}

export const OUTBOX_CHANNEL = 'outbox_event';

/**
 * Records domain events in the outbox table through the caller's transaction, so an event exists exactly when
 * the change it describes was committed. The relay publishes it afterwards.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async record<TData>(
    manager: EntityManager,
    definition: EventDefinition<TData>,
    subjectId: string,
    data: TData,
    context: EventContext,
  ): Promise<Envelope<TData>> {
    const [envelope] = await this.recordMany(manager, definition, [{ subjectId, data }], context);
    return envelope as Envelope<TData>;
  }

  /** Records many events of one type in one statement (bulk imports); all are checked before any is written. */
  async recordMany<TData>(
    manager: EntityManager,
    definition: EventDefinition<TData>,
    events: readonly { subjectId: string; data: TData }[],
    context: EventContext,
  ): Promise<Envelope<TData>[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`${definition.type}: events must be recorded inside the transaction of the change`);
    }
    if (events.length === 0) return [];
    const occurredAt = new Date().toISOString();
    const envelopes = events.map(({ subjectId, data }) => {
      const checked = definition.schema.safeParse(data);
      if (!checked.success) {
        const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
        throw new EventSchemaError(`${definition.type} v${definition.version} does not match its schema: ${problems}`);
      }
      return Object.freeze({
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt,
        source: this.source,
        organisationId: context.organisationId,
        actor: context.actor,
        subjectId,
        correlationId: context.correlationId,
        causationId: context.causationId ?? null,
        data: checked.data,
      }) as Envelope<TData>;
    });
    for (let start = 0; start < envelopes.length; start += 1000) {
      await manager.insert(
        OutboxEvent,
        envelopes.slice(start, start + 1000).map((envelope) => ({
          id: envelope.id,
          topic: definition.topic,
          messageKey: envelope.subjectId,
          type: definition.type,
          envelope: envelope as never,
        })),
      );
    }
    // Delivered to listening relays only when the transaction commits; never for a rolled-back change.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, envelopes[0]!.id]); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    return envelopes;
  }
}
