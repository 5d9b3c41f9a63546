import { RiskEntity } from './risk.entity';
import { RiskStatusType, RiskTreatmentType, RiskType } from './risk.type';

export function inherentScore(entity: Pick<RiskEntity, 'inherentLikelihood' | 'inherentImpact'>): number {
  return entity.inherentLikelihood * entity.inherentImpact;
}

export function toRiskType(entity: RiskEntity): RiskType {
  return Object.assign(new RiskType(), {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    threat: entity.threat,
    vulnerability: entity.vulnerability,
    inherentLikelihood: entity.inherentLikelihood,
    inherentImpact: entity.inherentImpact,
    inherentScore: inherentScore(entity),
    treatment: entity.treatment as RiskTreatmentType | null,
    treatmentRationale: entity.treatmentRationale,
    status: entity.status as RiskStatusType,
    ownerId: entity.ownerId,
    controlIds: [...entity.controlIds],
  });
}

/** The full state a consumer needs (risk.risk.upserted): the SoA replaces a risk's links with `controlIds`. */
export function toRiskEventData(entity: RiskEntity) {
  return {
    id: entity.id,
    title: entity.title,
    ownerId: entity.ownerId,
    treatment: entity.treatment,
    controlIds: [...entity.controlIds],
    inherentLikelihood: entity.inherentLikelihood,
    inherentImpact: entity.inherentImpact,
    status: entity.status,
  };
}
