import { EntityManager } from 'typeorm';
import { Envelope, EventData, PersonUpserted } from '@iso27001/contracts';
import { ServiceDeps } from '@iso27001/platform';
import { PersonReplicaEntity } from './person-replica.entity';

export class PersonReplicaService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Applies a person's full state from isms-service. An event older than the row (a replay, a late redelivery)
   * leaves the row as it is.
   */
  async apply(manager: EntityManager, event: Envelope<EventData<typeof PersonUpserted>>): Promise<boolean> {
    const { data } = event;
    const rows: unknown[] = await manager.query(
      `INSERT INTO person_replica (organisation_id, person_id, email, name, unit_id, active, updated_at, job_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organisation_id, person_id) DO UPDATE
         SET email = EXCLUDED.email, name = EXCLUDED.name, unit_id = EXCLUDED.unit_id,
             active = EXCLUDED.active, updated_at = EXCLUDED.updated_at, job_role = EXCLUDED.job_role
         WHERE person_replica.updated_at <= EXCLUDED.updated_at
       RETURNING person_id`,
      [event.organisationId, data.id, data.email.trim().toLowerCase(), data.name, data.unitId, data.active, event.occurredAt, data.jobRole?.trim() || null],
    );
    if (rows.length === 0) {
      this.deps.logger.info({ personId: data.id, eventId: event.id, occurredAt: event.occurredAt }, 'older person event ignored');
    }
    return rows.length > 0;
  }

  find(manager: EntityManager, organisationId: string, personId: string): Promise<PersonReplicaEntity | null> {
    return manager.findOneBy(PersonReplicaEntity, { organisationId, personId });
  }
}
