import { EntityManager, In } from 'typeorm';
import { Envelope, EventData, PersonUpserted } from '@iso27001/contracts';
import { ServiceDeps } from '@iso27001/platform';
import { PersonReplicaEntity } from './person-replica.entity';

export class PersonReplicaService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Applies a person's full state from isms-service; an older event (replay, late redelivery) changes nothing. */
  async apply(manager: EntityManager, event: Envelope<EventData<typeof PersonUpserted>>): Promise<boolean> {
    const { data } = event;
    const rows: unknown[] = await manager.query(
      `INSERT INTO person_replica (organisation_id, person_id, email, name, unit_id, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, person_id) DO UPDATE
         SET email = EXCLUDED.email, name = EXCLUDED.name, unit_id = EXCLUDED.unit_id,
             active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
         WHERE person_replica.updated_at <= EXCLUDED.updated_at
       RETURNING person_id`,
      [event.organisationId, data.id, data.email.trim().toLowerCase(), data.name, data.unitId, data.active, event.occurredAt],
    );
    if (rows.length === 0) this.deps.logger.info({ personId: data.id, eventId: event.id }, 'older person event ignored');
    return rows.length > 0;
  }

  /** Known people among the ids, in one query. */
  async byIds(manager: EntityManager, organisationId: string, ids: readonly string[]): Promise<Map<string, PersonReplicaEntity>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(PersonReplicaEntity, { organisationId, personId: In(unique) });
    return new Map(rows.map((row) => [row.personId, row]));
  }

  async byEmails(manager: EntityManager, organisationId: string, emails: readonly string[]): Promise<Map<string, PersonReplicaEntity>> {
    const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(PersonReplicaEntity, { organisationId, email: In(unique) });
    return new Map(rows.map((row) => [row.email, row]));
  }
}

/**
 * Checks that every id is a known, active person of the organisation. People arrive through Kafka, so an id
 * that is not there yet is looked up again for up to `waitMs` (a person created a moment ago in isms-service).
 * Returns the unknown or inactive ids (empty when all are fine).
 */
export async function unknownPeople(manager: EntityManager, organisationId: string, ids: readonly (string | null | undefined)[], waitMs: number): Promise<string[]> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    const rows: { person_id: string; active: boolean }[] = await manager.query('SELECT person_id, active FROM person_replica WHERE organisation_id = $1 AND person_id = ANY($2::uuid[])', [organisationId, wanted]);
    const known = new Map(rows.map((row) => [row.person_id, row.active]));
    const missing = wanted.filter((id) => !known.has(id));
    const inactive = wanted.filter((id) => known.get(id) === false);
    if (missing.length === 0 || Date.now() >= deadline) return [...missing, ...inactive];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
