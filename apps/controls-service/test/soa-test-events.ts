import { randomUUID } from 'node:crypto';
import { ScopeApproved } from '@iso27001/contracts';
import { TestEventPublisher } from '@iso27001/testing';

/** isms-service approving a scope with the given units. */
export function approveScope(events: TestEventPublisher, unitIds: string[], version = 1, scopeId: string = randomUUID()) {
  return events.publishAs(ScopeApproved, {
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
