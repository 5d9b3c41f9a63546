import { OrgUnitEntity } from './org-unit.entity';
import { OrgUnitKindType, OrgUnitType } from './org-unit.type';

export function toOrgUnitType(entity: OrgUnitEntity): OrgUnitType {
  return Object.assign(new OrgUnitType(), {
    id: entity.id,
    name: entity.name,
    kind: entity.kind as OrgUnitKindType,
    parentId: entity.parentId,
  });
}
