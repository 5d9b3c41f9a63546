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
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`${definition.type}: events must be recorded inside the transaction of the change`);
    }
    const checked = definition.schema.safeParse(data);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
      throw new EventSchemaError(`${definition.type} v${definition.version} does not match its schema: ${problems}`);
    }
    const envelope: Envelope<TData> = Object.freeze({
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      source: this.source,
      organisationId: context.organisationId,
      actor: context.actor,
      subjectId,
      correlationId: context.correlationId,
      causationId: context.causationId ?? null,
      data: checked.data,
    });
    await manager.insert(OutboxEvent, {
      id: envelope.id,
      topic: definition.topic,
      messageKey: subjectId,
      type: definition.type,
      envelope: envelope as never,
    });
    // Delivered to listening relays only when the transaction commits; never for a rolled-back change.
    await manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, envelope.id]);
    return envelope;
  }
}
