import { AssetEntity } from './asset.entity';
import { AssetType, CLASSIFICATION_BY_VALUE, RiskAssetTypeValue } from './asset.type';

export function toAssetType(entity: AssetEntity): AssetType {
  return Object.assign(new AssetType(), {
    id: entity.id,
    type: entity.type as RiskAssetTypeValue,
    name: entity.name,
    description: entity.description,
    confidentiality: CLASSIFICATION_BY_VALUE[entity.confidentiality],
    integrity: CLASSIFICATION_BY_VALUE[entity.integrity],
    availability: CLASSIFICATION_BY_VALUE[entity.availability],
    criticality: Math.max(entity.confidentiality, entity.integrity, entity.availability),
    updatedAt: entity.updatedAt,
    ownerId: entity.ownerId,
    unitId: entity.unitId,
  });
}

export function toAssetEventData(entity: AssetEntity, riskIds: string[]) {
  return {
    id: entity.id,
    type: entity.type,
    name: entity.name,
    ownerId: entity.ownerId,
    unitId: entity.unitId,
    confidentiality: CLASSIFICATION_BY_VALUE[entity.confidentiality],
    integrity: CLASSIFICATION_BY_VALUE[entity.integrity],
    availability: CLASSIFICATION_BY_VALUE[entity.availability],
    riskIds: [...riskIds].sort(),
  };
}
