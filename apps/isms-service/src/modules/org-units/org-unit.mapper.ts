import { OrgUnitEntity } from './org-unit.entity';
import { OrgUnitKindType, OrgUnitType } from './org-unit.type';

export function toOrgUnitType(entity: OrgUnitEntity): OrgUnitType {
  return Object.assign(new OrgUnitType(), {
    id: entity.id,
    name: entity.name,
    kind: entity.kind as OrgUnitKindType,
    parentId: entity.parentId,
    externalId: entity.externalId,
    active: entity.active,
  });
}

/** The full state a replica needs (isms.org-unit.upserted). */
export function toOrgUnitEventData(entity: Pick<OrgUnitEntity, 'id' | 'name' | 'kind' | 'parentId' | 'externalId' | 'active'>) {
  return { id: entity.id, name: entity.name, kind: entity.kind, parentId: entity.parentId, externalId: entity.externalId, active: entity.active };
}
