import { ISMS_CLAUSES } from '@iso27001/iso27001';
import { ControlThemeType } from '../catalogue/control.type';
import { GapAssessmentEntity } from './gap-assessment.entity';
import { GAP_STATUSES, GapItem, gapRollUps, questionFor, RollUp, statusOf } from './gap-analysis.rules';
import { GapAnalysisType, GapAssessmentType, GapItemKindType, GapQuestionType, GapRollUpType, GapStatusCountType, GapStatusType } from './gap-assessment.type';

const THEME_TITLES: Record<string, string> = {
  ORGANIZATIONAL: 'Organizational controls',
  PEOPLE: 'People controls',
  PHYSICAL: 'Physical controls',
  TECHNOLOGICAL: 'Technological controls',
  CLAUSES: 'Clauses 4 to 10',
  ANNEX_A: 'Annex A controls',
  OVERALL: 'Clauses and Annex A',
};

function titleOf(key: string): string {
  const clause = ISMS_CLAUSES.find((candidate) => String(candidate.clause) === key);
  return clause ? `${clause.clause} ${clause.title}` : (THEME_TITLES[key] ?? key);
}

export function toGapAssessmentType(item: GapItem, entity: GapAssessmentEntity | undefined): GapAssessmentType {
  return Object.assign(new GapAssessmentType(), {
    itemId: item.id,
    kind: item.kind as GapItemKindType,
    title: item.title,
    clause: item.kind === 'CLAUSE' ? item.clause : null,
    theme: item.kind === 'CONTROL' ? (item.theme as ControlThemeType) : null,
    assessed: entity !== undefined,
    status: entity ? (statusOf(entity.score) as GapStatusType) : null,
    score: entity?.score ?? null,
    currentState: entity?.currentState ?? null,
    gap: entity?.gap ?? null,
    remediationAction: entity?.remediationAction ?? null,
    remediationDueOn: entity?.remediationDueOn ?? null,
    assessedByName: entity?.assessedByName ?? null,
    assessedAt: entity?.assessedAt ?? null,
    remediationOwnerId: entity?.remediationOwnerId ?? null,
  });
}

function toRollUpType(rollUp: RollUp): GapRollUpType {
  return Object.assign(new GapRollUpType(), {
    key: rollUp.key,
    title: titleOf(rollUp.key),
    total: rollUp.total,
    assessed: rollUp.assessed,
    counts: GAP_STATUSES.map((status) => Object.assign(new GapStatusCountType(), { status: status as GapStatusType, count: rollUp.counts[status] })),
    readinessPercent: rollUp.readinessPercent,
  });
}

export function toGapAnalysisType(items: readonly GapItem[], entities: readonly GapAssessmentEntity[]): GapAnalysisType {
  const rollUps = gapRollUps(items, new Map(entities.map((entity) => [entity.itemId, entity.score])));
  return Object.assign(new GapAnalysisType(), {
    overall: toRollUpType(rollUps.overall),
    clausesOverall: toRollUpType(rollUps.clausesOverall),
    controlsOverall: toRollUpType(rollUps.controlsOverall),
    byClause: rollUps.byClause.map(toRollUpType),
    byTheme: rollUps.byTheme.map(toRollUpType),
  });
}

export function toGapQuestionType(item: GapItem, entity: GapAssessmentEntity | undefined): GapQuestionType {
  return Object.assign(new GapQuestionType(), {
    itemId: item.id,
    kind: item.kind as GapItemKindType,
    title: item.title,
    question: questionFor(item),
    status: entity ? (statusOf(entity.score) as GapStatusType) : null,
  });
}
