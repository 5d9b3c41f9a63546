import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { EventDefinition, ScopeApproved } from '@iso27001/contracts';
import { TEST_ORGANISATION_ID } from '@iso27001/testing';

/** An envelope as another service's outbox would publish it. */
export function envelope<T>(definition: EventDefinition<T>, subjectId: string, data: T, overrides: { occurredAt?: string; source?: string } = {}) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: overrides.occurredAt ?? new Date().toISOString(),
    source: overrides.source ?? 'test-stand-in',
    organisationId: TEST_ORGANISATION_ID,
    actor: randomUUID(),
    subjectId,
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

export async function publishEvent<T>(producer: Producer, prefix: string, definition: EventDefinition<T>, subjectId: string, data: T, overrides = {}) {
  const event = envelope(definition, subjectId, data, overrides);
  await producer.send({ topic: `${prefix}${definition.topic}`, acks: -1, messages: [{ key: subjectId, value: JSON.stringify(event) }] });
  return event;
}

/** isms-service approving a scope with the given units. */
export function approveScope(producer: Producer, prefix: string, unitIds: string[], version = 1, scopeId: string = randomUUID()) {
  return publishEvent(producer, prefix, ScopeApproved, scopeId, {
    id: scopeId,
    version,
    inScopeUnitIds: unitIds,
    supersededId: null,
    approvedAt: new Date().toISOString(),
    approvedBy: 'ceo@example.test',
  });
}

/** Rows of a table and of the outbox, to prove a refused request wrote nothing. */
export async function counts(query: (sql: string) => Promise<{ n: string }[]>, tables: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of [...tables, 'outbox_event']) result[table] = Number((await query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  return result;
}
