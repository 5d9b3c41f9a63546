/** Pure rules of competence (clause 7.2): names, record dates, which records count, and the gaps they leave. */
import { normaliseJobRole } from '../policy-acknowledgements/policy-acknowledgement.rules';

export const NAME_MAX = 200;
export const TEXT_MAX = 5000;

/** Job roles compare as policy audiences compare them: trimmed, single spaces, ignoring case. */
export { normaliseJobRole };

/** The SQL twin of `normaliseJobRole` over a column. */
export function normalisedJobRoleSql(column: string): string {
  return `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g'))`;
}

/** A name trimmed to single spaces, or the reason it cannot be one (empty, too long). */
export function cleanName(value: string, what: string): { value: string } | { problem: string } {
  const cleaned = value.trim().replace(/\s+/g, ' ');
  if (!cleaned) return { problem: `${what} must not be empty` };
  if (cleaned.length > NAME_MAX) return { problem: `${what} must be at most ${NAME_MAX} characters (it has ${cleaned.length})` };
  return { value: cleaned };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar day `YYYY-MM-DD` (not 2026-02-30). */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today's day in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * What is wrong with a record's dates, or null: both must be days, the competence cannot be obtained in the future,
 * and it cannot expire before it was obtained.
 */
export function recordDatesProblem(dates: { obtainedOn: string; validUntil?: string | null }, today: string): string | null {
  if (!isDay(dates.obtainedOn)) return `obtainedOn "${dates.obtainedOn}" is not a day (YYYY-MM-DD)`;
  if (dates.obtainedOn > today) return `obtainedOn ${dates.obtainedOn} is in the future (today is ${today}): record a competence once it is obtained`;
  if (dates.validUntil != null) {
    if (!isDay(dates.validUntil)) return `validUntil "${dates.validUntil}" is not a day (YYYY-MM-DD)`;
    if (dates.validUntil < dates.obtainedOn) return `validUntil ${dates.validUntil} is before obtainedOn ${dates.obtainedOn}`;
  }
  return null;
}

/** A record counts on a day when it was obtained by then and has not expired (validUntil is inclusive). */
export function recordValidOn(record: { obtainedOn: string; validUntil: string | null }, day: string): boolean {
  return record.obtainedOn <= day && (record.validUntil === null || record.validUntil >= day);
}

export interface GapPerson {
  personId: string;
  active: boolean;
  jobRole: string | null;
}

/**
 * A person's missing competences on a day: those their job role requires that no valid record and no completed
 * course (of a competence granted by a course) covers. Inactive people and people without a job role have none.
 * The SQL of `CompetenceService` computes the same, set-based, for many people at once.
 */
export function missingCompetences(
  person: GapPerson,
  requirements: ReadonlyMap<string, readonly string[]>,
  covered: { records: readonly { competenceId: string; obtainedOn: string; validUntil: string | null }[]; completedCompetences: ReadonlySet<string> },
  day: string,
): string[] {
  if (!person.active || !person.jobRole) return [];
  const required = requirements.get(normaliseJobRole(person.jobRole)) ?? [];
  const valid = new Set(covered.records.filter((record) => recordValidOn(record, day)).map((record) => record.competenceId));
  return required.filter((id) => !valid.has(id) && !covered.completedCompetences.has(id));
}

export interface UnitNode {
  unitId: string;
  parentId: string | null;
}

/**
 * Rolls people's gaps up the hierarchy: each unit counts the people of its subtree, those with at least one gap,
 * and per competence how many miss it. The pure twin of the roll-up query (used to check it in tests).
 */
export function rollUp(
  units: readonly UnitNode[],
  people: readonly { unitId: string | null; missing: readonly string[] }[],
): Map<string, { people: number; peopleWithGaps: number; gaps: Map<string, number> }> {
  const parent = new Map(units.map((unit) => [unit.unitId, unit.parentId]));
  const result = new Map<string, { people: number; peopleWithGaps: number; gaps: Map<string, number> }>();
  for (const person of people) {
    const seen = new Set<string>();
    for (let unit = person.unitId; unit && parent.has(unit) && !seen.has(unit); unit = parent.get(unit) ?? null) {
      seen.add(unit);
      const entry = result.get(unit) ?? { people: 0, peopleWithGaps: 0, gaps: new Map<string, number>() };
      entry.people += 1;
      if (person.missing.length > 0) entry.peopleWithGaps += 1;
      for (const id of person.missing) entry.gaps.set(id, (entry.gaps.get(id) ?? 0) + 1);
      result.set(unit, entry);
    }
  }
  return result;
}
