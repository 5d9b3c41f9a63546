import { RiskActionEntity } from './risk-action.entity';
import { RiskAssessmentEntity } from './risk-assessment.entity';
import { RiskEntity } from './risk.entity';
import { RiskAcceptanceType, RiskActionStatusType, RiskActionType, RiskAssessmentKindType, RiskAssessmentType, RiskStatusType, RiskTreatmentType, RiskType } from './risk.type';

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
    inherentVersion: entity.inherentVersion,
    inherentLevel: entity.inherentLevel,
    residualLikelihood: entity.residualLikelihood,
    residualImpact: entity.residualImpact,
    residualScore: entity.residualLikelihood != null && entity.residualImpact != null ? entity.residualLikelihood * entity.residualImpact : null,
    residualVersion: entity.residualVersion,
    residualLevel: entity.residualLevel,
    currentLevel: entity.currentLevel,
    needsAcceptance: entity.needsAcceptance,
    acceptance:
      entity.acceptedAt && entity.acceptedByPersonId
        ? Object.assign(new RiskAcceptanceType(), { acceptedBy: entity.acceptedBy ?? '', acceptedAt: entity.acceptedAt, note: entity.acceptanceNote, personId: entity.acceptedByPersonId })
        : null,
    ownerAssignedAt: entity.ownerAssignedAt,
    treatment: entity.treatment as RiskTreatmentType | null,
    treatmentRationale: entity.treatmentRationale,
    status: entity.status as RiskStatusType,
    nextReviewOn: entity.nextReviewOn,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    ownerId: entity.ownerId,
    unitId: entity.unitId,
    controlIds: [...entity.controlIds],
  });
}

export function toAssessmentType(entity: RiskAssessmentEntity): RiskAssessmentType {
  return Object.assign(new RiskAssessmentType(), {
    id: entity.id,
    kind: entity.kind as RiskAssessmentKindType,
    methodologyVersion: entity.methodologyVersion,
    likelihood: entity.likelihood,
    impact: entity.impact,
    level: entity.level,
    note: entity.note,
    assessedBy: entity.assessedBy,
    assessedAt: entity.assessedAt,
  });
}

export function toActionType(entity: RiskActionEntity): RiskActionType {
  return Object.assign(new RiskActionType(), {
    id: entity.id,
    riskId: entity.riskId,
    title: entity.title,
    dueOn: entity.dueOn,
    status: entity.status as RiskActionStatusType,
    ownerId: entity.ownerId,
  });
}

/**
 * The full state a consumer needs (risk.risk.upserted): the SoA replaces a risk's links with `controlIds`.
 * The fields after `status` were added later and are optional in the contract.
 */
export function toRiskEventData(entity: RiskEntity, assetIds: string[]) {
  return {
    id: entity.id,
    title: entity.title,
    ownerId: entity.ownerId,
    treatment: entity.treatment,
    controlIds: [...entity.controlIds],
    inherentLikelihood: entity.inherentLikelihood,
    inherentImpact: entity.inherentImpact,
    status: entity.status,
    unitId: entity.unitId,
    assetIds: [...assetIds].sort(),
    inherentVersion: entity.inherentVersion,
    inherentLevel: entity.inherentLevel,
    residualLikelihood: entity.residualLikelihood,
    residualImpact: entity.residualImpact,
    residualVersion: entity.residualVersion,
    residualLevel: entity.residualLevel,
    needsAcceptance: entity.needsAcceptance,
    acceptedAt: entity.acceptedAt ? entity.acceptedAt.toISOString() : null,
    acceptedByPersonId: entity.acceptedByPersonId,
    nextReviewOn: entity.nextReviewOn,
  };
}
