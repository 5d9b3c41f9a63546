import { PersonEntity } from './person.entity';
import { PersonType } from './person.type';

export function toPersonType(entity: PersonEntity): PersonType {
  return Object.assign(new PersonType(), {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    unitId: entity.unitId,
    managerId: entity.managerId,
    jobRole: entity.jobRole,
    active: entity.active,
    externalId: entity.externalId,
  });
}

/** The full state a replica needs (isms.person.upserted). */
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
