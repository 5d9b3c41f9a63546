import { CLAUSE_REQUIREMENTS, isAnnexAControlId, isClauseRequirementId } from '@iso27001/iso27001';

/** A clause criterion: a whole clause (`4` … `10`) or one of its requirements (`6.1`, `6.1.2` …). */
export function isClauseCriterion(value: string): boolean {
  return /^(?:[4-9]|10)$/.test(value) || isClauseRequirementId(value);
}

/** Whether auditing `criterion` covers the first-level requirement `requirement`: the same, below it, or above it. */
export function coversRequirement(criterion: string, requirement: string): boolean {
  return criterion === requirement || requirement.startsWith(`${criterion}.`) || criterion.startsWith(`${requirement}.`);
}

/** The first-level requirements (`4.1` … `10.2`) a programme must cover within the cycle. */
export const PROGRAMME_REQUIREMENTS = CLAUSE_REQUIREMENTS.filter((requirement) => requirement.parentId === null);

export interface PlannedAudit {
  id: string;
  clauses: readonly string[];
  controlIds: readonly string[];
}

export interface Coverage {
  clauses: { clause: string; title: string; engagementIds: string[] }[];
  controls: { controlId: string; engagementIds: string[] }[];
}

/** Which audits cover each first-level requirement and each applicable control. */
export function programmeCoverage(audits: readonly PlannedAudit[], applicableControlIds: readonly string[]): Coverage {
  return {
    clauses: PROGRAMME_REQUIREMENTS.map((requirement) => ({
      clause: requirement.id,
      title: requirement.title,
      engagementIds: audits.filter((audit) => audit.clauses.some((criterion) => coversRequirement(criterion, requirement.id))).map((audit) => audit.id),
    })),
    controls: [...applicableControlIds].sort(byControlId).map((controlId) => ({ controlId, engagementIds: audits.filter((audit) => audit.controlIds.includes(controlId)).map((audit) => audit.id) })),
  };
}

function byControlId(a: string, b: string): number {
  const [, x1, y1] = a.split('.').map(Number) as [number, number, number];
  const [, x2, y2] = b.split('.').map(Number) as [number, number, number];
  return x1 - x2 || y1 - y2;
}

/** The criteria that are not clauses or Annex A controls of ISO/IEC 27001:2022, for a clear refusal. */
export function invalidCriteria(clauses: readonly string[], controlIds: readonly string[]): string[] {
  return [...clauses.filter((clause) => !isClauseCriterion(clause)).map((clause) => `clause ${clause}`), ...controlIds.filter((id) => !isAnnexAControlId(id)).map((id) => `control ${id}`)];
}
