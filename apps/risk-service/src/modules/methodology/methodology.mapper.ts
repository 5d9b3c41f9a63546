import { MethodologyDraftEntity } from './methodology-draft.entity';
import { MethodologyEntity } from './methodology.entity';
import { BUILT_IN_PUBLISHER, Methodology } from './methodology.logic';
import { MatrixCellType, MethodologyDraftStatusType, MethodologyDraftType, MethodologyType, RiskLevelDefinitionType, ScaleLevelType } from './methodology.type';

export function toMethodology(entity: MethodologyEntity): Methodology {
  return {
    version: entity.version,
    likelihood: entity.likelihood,
    impact: entity.impact,
    levels: [...entity.levels].sort((a, b) => a.rank - b.rank),
    matrix: entity.matrix,
    appetite: entity.appetite,
  };
}

export function toMethodologyType(entity: MethodologyEntity): MethodologyType {
  const m = toMethodology(entity);
  const builtIn = entity.version === 1 && entity.publishedBy === BUILT_IN_PUBLISHER;
  return Object.assign(new MethodologyType(), {
    id: entity.id,
    version: entity.version,
    likelihoodScale: m.likelihood.map((l) => Object.assign(new ScaleLevelType(), l)),
    impactScale: m.impact.map((l) => Object.assign(new ScaleLevelType(), l)),
    levels: m.levels.map((l) => Object.assign(new RiskLevelDefinitionType(), l)),
    matrix: m.likelihood.flatMap((l, i) => m.impact.map((im, j) => Object.assign(new MatrixCellType(), { likelihood: l.value, impact: im.value, level: m.matrix[i][j] }))),
    appetite: m.appetite,
    notes: entity.notes,
    publishedBy: entity.publishedBy,
    builtIn,
    publishedAt: builtIn ? null : entity.publishedAt,
  });
}

export function toMethodologyEventData(entity: MethodologyEntity) {
  const m = toMethodology(entity);
  return {
    id: entity.id,
    version: m.version,
    likelihood: m.likelihood,
    impact: m.impact,
    levels: m.levels,
    matrix: m.matrix,
    appetite: m.appetite,
    publishedAt: entity.publishedAt.toISOString(),
  };
}

export function toMethodologyDraftType(draft: MethodologyDraftEntity): MethodologyDraftType {
  const proposed = Object.assign(new MethodologyEntity(), {
    id: draft.id,
    organisationId: draft.organisationId,
    version: draft.publishedVersion ?? draft.baseVersion + 1,
    ...draft.definition,
    notes: draft.notes,
    publishedBy: draft.decidedBy && draft.status === 'PUBLISHED' ? draft.decidedBy : draft.submittedBy,
    publishedAt: draft.status === 'PUBLISHED' ? draft.decidedAt : null,
  });
  return Object.assign(new MethodologyDraftType(), {
    id: draft.id,
    status: draft.status as MethodologyDraftStatusType,
    baseVersion: draft.baseVersion,
    proposed: Object.assign(toMethodologyType(proposed), { publishedAt: draft.status === 'PUBLISHED' ? draft.decidedAt : null }),
    submittedBy: draft.submittedBy,
    submittedAt: draft.submittedAt,
    contributors: [...draft.contributors],
    decidedBy: draft.decidedBy,
    decidedAt: draft.decidedAt,
    decisionNote: draft.decisionNote,
    publishedVersion: draft.publishedVersion,
  });
}
