import { EntityManager, In } from 'typeorm';
import { Envelope, EventData, PersonUpserted } from '@iso27001/contracts';
import { Logger } from '@iso27001/platform';
import { changedFields, distinctIds, newestPerSubject, normaliseEmail, PersonField, personFields, personStateOf } from './org-replica.rules';
import { PersonReplicaEntity } from './person-replica.entity';
import { unitSubtreeCte } from './unit-replica.service';

/** A row that an event actually changed: `before` is null for a person seen for the first time. */
export interface PersonReplicaChange {
  before: PersonReplicaEntity | null;
  after: PersonReplicaEntity;
  changed: PersonField[];
}

const COLUMNS = 'organisation_id, person_id, email, name, unit_id, manager_id, job_role, external_id, active, updated_at';

interface PersonRow {
  organisation_id: string;
  person_id: string;
  email: string;
  name: string;
  unit_id: string | null;
  manager_id: string | null;
  job_role: string | null;
  external_id: string | null;
  active: boolean;
  updated_at: Date;
}

function toEntity(row: PersonRow): PersonReplicaEntity {
  return Object.assign(new PersonReplicaEntity(), {
    organisationId: row.organisation_id,
    personId: row.person_id,
    email: row.email,
    name: row.name,
    unitId: row.unit_id,
    managerId: row.manager_id,
    jobRole: row.job_role,
    externalId: row.external_id,
    active: row.active,
    updatedAt: row.updated_at,
  });
}

/** People replicated from isms-service: applying their events, and the look-ups services need (each one query). */
export class PersonReplicaService {
  constructor(private readonly deps: { logger: Logger }) {}

  /**
   * Applies a person's full state. An event older than the row (a replay, a late redelivery) leaves the row as it is;
   * returns the change, or null when the row did not change (older event, or the same state again).
   */
  async apply(manager: EntityManager, event: Envelope<EventData<typeof PersonUpserted>>): Promise<PersonReplicaChange | null> {
    const [change] = await this.applyMany(manager, [event]);
    return change ?? null;
  }

  /**
   * Applies the events of a batch in two statements, whatever their number (an import of 20,000 people arrives as
   * 20,000 events): the same outcome as applying them one by one in order. Returns the changes in arrival order.
   */
  async applyMany(manager: EntityManager, events: readonly Envelope<EventData<typeof PersonUpserted>>[]): Promise<PersonReplicaChange[]> {
    if (events.length === 0) return [];
    const chosen = newestPerSubject(events, (event) => `${event.organisationId}:${event.data.id.toLowerCase()}`);
    const states = chosen.map((event) => ({ event, state: personStateOf(event.data) }));
    const column = <T>(pick: (item: (typeof states)[number]) => T): T[] => states.map(pick);
    const organisations = column(({ event }) => event.organisationId);
    const ids = column(({ event }) => event.data.id);
    // Rows are locked in key order, so two transactions never wait for each other's rows the other way round.
    const previous: PersonRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM person_replica
       WHERE (organisation_id, person_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       ORDER BY organisation_id, person_id FOR UPDATE`,
      [organisations, ids],
    );
    const rows: PersonRow[] = await manager.query(
      `INSERT INTO person_replica (${COLUMNS})
       SELECT t.organisation_id, t.person_id, t.email, t.name, t.unit_id, t.manager_id, t.job_role,
              CASE WHEN t.has_external_id THEN t.external_id
                   ELSE (SELECT p.external_id FROM person_replica p WHERE p.organisation_id = t.organisation_id AND p.person_id = t.person_id) END,
              t.active, t.updated_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::boolean[], $10::timestamptz[], $11::boolean[])
         AS t(organisation_id, person_id, email, name, unit_id, manager_id, job_role, external_id, active, updated_at, has_external_id)
       ON CONFLICT (organisation_id, person_id) DO UPDATE
         SET email = EXCLUDED.email, name = EXCLUDED.name, unit_id = EXCLUDED.unit_id, manager_id = EXCLUDED.manager_id,
             job_role = EXCLUDED.job_role, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at, external_id = EXCLUDED.external_id
         WHERE person_replica.updated_at <= EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [
        organisations,
        ids,
        column(({ state }) => state.email),
        column(({ state }) => state.name),
        column(({ state }) => state.unitId),
        column(({ state }) => state.managerId),
        column(({ state }) => state.jobRole),
        column(({ state }) => state.externalId ?? null),
        column(({ state }) => state.active),
        column(({ event }) => event.occurredAt),
        column(({ state }) => state.externalId !== undefined),
      ],
    );
    const key = (organisationId: string, personId: string): string => `${organisationId}:${personId}`;
    const before = new Map(previous.map((row) => [key(row.organisation_id, row.person_id), toEntity(row)]));
    const after = new Map(rows.map((row) => [key(row.organisation_id, row.person_id), toEntity(row)]));
    const changes: PersonReplicaChange[] = [];
    const ignored: Envelope<EventData<typeof PersonUpserted>>[] = [];
    for (const { event } of states) {
      const id = key(event.organisationId.toLowerCase(), event.data.id.toLowerCase());
      const now = after.get(id);
      if (!now) {
        ignored.push(event); // older than the row
        continue;
      }
      const was = before.get(id) ?? null;
      const changed = changedFields(personFields, was, now);
      if (changed.length > 0) changes.push({ before: was, after: now, changed });
    }
    if (ignored.length > 0) {
      this.deps.logger.info({ events: ignored.map((event) => ({ personId: event.data.id, eventId: event.id, occurredAt: event.occurredAt })) }, 'older person events ignored');
    }
    return changes;
  }

  async byId(manager: EntityManager, organisationId: string, personId: string): Promise<PersonReplicaEntity | null> {
    return (await this.byIds(manager, organisationId, [personId])).get(personId.toLowerCase()) ?? null;
  }

  /** Known people among the ids (active or not), keyed by id. */
  async byIds(manager: EntityManager, organisationId: string, ids: readonly string[]): Promise<Map<string, PersonReplicaEntity>> {
    const unique = distinctIds(ids);
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(PersonReplicaEntity, { organisationId, personId: In(unique) });
    return new Map(rows.map((row) => [row.personId, row]));
  }

  async byEmail(manager: EntityManager, organisationId: string, email: string): Promise<PersonReplicaEntity | null> {
    return manager.findOneBy(PersonReplicaEntity, { organisationId, email: normaliseEmail(email) });
  }

  /** Known people among the e-mail addresses, keyed by the normalised address. */
  async byEmails(manager: EntityManager, organisationId: string, emails: readonly string[]): Promise<Map<string, PersonReplicaEntity>> {
    const unique = [...new Set(emails.map(normaliseEmail))];
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(PersonReplicaEntity, { organisationId, email: In(unique) });
    return new Map(rows.map((row) => [row.email, row]));
  }

  /**
   * The people of the units and all their sub-units, in one query: active ones only unless asked. A root unit the
   * replica does not know yet still counts (its own people are found; its sub-units arrive with their events).
   */
  async ofSubtree(manager: EntityManager, organisationId: string, unitIds: readonly string[], options: { includeInactive?: boolean } = {}): Promise<PersonReplicaEntity[]> {
    const roots = distinctIds(unitIds);
    if (roots.length === 0) return [];
    const rows: PersonRow[] = await manager.query(
      `WITH RECURSIVE ${unitSubtreeCte('subtree', '$1', '$2')}
       SELECT ${COLUMNS.split(', ').map((c) => `p.${c}`).join(', ')}
       FROM person_replica p JOIN subtree s ON p.unit_id = s.unit_id
       WHERE p.organisation_id = $1 AND ($3 OR p.active)
       ORDER BY p.name, p.person_id`,
      [organisationId, roots, options.includeInactive ?? false],
    );
    return rows.map(toEntity);
  }
}

/**
 * Checks that every id is a known, active person of the organisation. People arrive through Kafka, so an id that is
 * not there yet is looked up again for up to `waitMs` (a person created a moment ago in isms-service).
 * Returns the unknown or inactive ids (empty when all are fine).
 */
export async function unknownPeople(manager: EntityManager, organisationId: string, ids: readonly (string | null | undefined)[], waitMs: number): Promise<string[]> {
  const wanted = distinctIds(ids);
  if (wanted.length === 0) return [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const rows: { person_id: string; active: boolean }[] = await manager.query(
      'SELECT person_id, active FROM person_replica WHERE organisation_id = $1 AND person_id = ANY($2::uuid[])',
      [organisationId, wanted],
    );
    const known = new Map(rows.map((row) => [row.person_id, row.active]));
    const missing = wanted.filter((id) => !known.has(id));
    const inactive = wanted.filter((id) => known.get(id) === false);
    if (missing.length === 0 || Date.now() >= deadline) return [...missing, ...inactive];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
