import { randomUUID } from 'node:crypto';
import { PersonUpserted, ScopeApproved } from '@iso27001/contracts';
import { eventually, TestEventPublisher, TestSubgraph } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';

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

export interface TestPerson {
  id: string;
  name: string;
}

/**
 * isms-service telling controls-service about a person (PersonUpserted), then waiting until the service's people
 * replica has them as given: only people of the organisation can own controls.
 */
export async function publishPerson(
  events: TestEventPublisher,
  service: TestSubgraph<ControlsConfig>,
  name: string,
  { id = randomUUID(), active = true, organisationId }: { id?: string; active?: boolean; organisationId?: string } = {},
): Promise<TestPerson> {
  const data = { id, email: `${name.toLowerCase().replace(/\W+/g, '.')}@bank.example`, name, unitId: null, managerId: null, jobRole: null, active };
  await events.publishAs(PersonUpserted, data, organisationId ? { organisationId } : {});
  await eventually(`${name} in the people replica`, async () => {
    const rows: unknown[] = await service.deps.dataSource.query('SELECT 1 FROM person_replica WHERE person_id = $1 AND active = $2', [id, active]);
    return rows.length > 0;
  });
  return { id, name };
}
