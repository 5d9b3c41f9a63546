import { EvidenceRequirementEntity } from './evidence-requirement.entity';
import { EvidenceFrequencyType, EvidenceRequirementType } from './evidence-requirement.type';

export function toEvidenceRequirementType(entity: EvidenceRequirementEntity): EvidenceRequirementType {
  return Object.assign(new EvidenceRequirementType(), {
    id: entity.id,
    controlId: entity.controlId,
    title: entity.title,
    description: entity.description,
    frequency: entity.frequency as EvidenceFrequencyType,
    fromDefaults: entity.defaultKey !== null,
    retiredAt: entity.retiredAt,
    updatedAt: entity.updatedAt,
  });
}
