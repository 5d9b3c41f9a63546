import { PersonEntity } from './person.entity';
import { PersonType } from './person.type';

/** The full state a replica needs (isms.person.upserted); the API type shows the same fields. */
export function toPersonEventData(entity: Pick<PersonEntity, 'id' | 'email' | 'name' | 'unitId' | 'managerId' | 'jobRole' | 'active' | 'externalId'>) {
  return {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    unitId: entity.unitId,
    managerId: entity.managerId,
    jobRole: entity.jobRole,
    active: entity.active,
    externalId: entity.externalId,
  };
}

export function toPersonType(entity: PersonEntity): PersonType {
  return Object.assign(new PersonType(), toPersonEventData(entity));
}
