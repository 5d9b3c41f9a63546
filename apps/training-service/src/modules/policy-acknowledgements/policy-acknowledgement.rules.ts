/** Whom a published policy version addresses (from controls.policy.published). */
export interface PolicyAudience {
  everyone: boolean;
  unitIds: readonly string[];
  jobRoles: readonly string[];
}

/** The part of a replicated person that decides whether a policy addresses them. */
export interface AudienceCandidate {
  active: boolean;
  unitId: string | null;
  jobRole: string | null;
}

/** Job roles compare trimmed and ignoring case ("Software Engineer" = " software engineer"). */
export function normaliseJobRole(role: string): string {
  return role.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** An audience's units include their sub-units: true when one of them is on the unit's path (the unit or an ancestor). */
export function audienceCoversUnit(audience: Pick<PolicyAudience, 'unitIds'>, unitPath: readonly string[]): boolean {
  const path = new Set(unitPath.map((id) => id.toLowerCase()));
  return audience.unitIds.some((id) => path.has(id.toLowerCase()));
}

/**
 * An active person is in the audience when it is everyone, when their unit is one of the audience's units or below
 * one of them (`unitPath`: the person's unit and its ancestors, as the unit replica knows them), or when their job
 * role is one of the audience's job roles.
 * The SQL of `PolicyAcknowledgementService.openTasks` is the same rule, set-based (walking down from the audience).
 */
export function inAudience(person: AudienceCandidate, audience: PolicyAudience, unitPath: readonly string[] = person.unitId ? [person.unitId] : []): boolean {
  if (!person.active) return false;
  if (audience.everyone) return true;
  if (person.unitId && audienceCoversUnit(audience, unitPath)) return true;
  if (person.jobRole) {
    const role = normaliseJobRole(person.jobRole);
    if (role && audience.jobRoles.some((candidate) => normaliseJobRole(candidate) === role)) return true;
  }
  return false;
}

/**
 * Whether a change to a person can put them into an audience they were not in: a new or reactivated person, or one
 * who moved unit or changed job role. A rename or a new e-mail cannot.
 */
export function personChangeMayJoinAudience(change: { before: unknown; after: { active: boolean }; changed: readonly string[] }): boolean {
  if (!change.after.active) return false;
  return change.before === null || change.changed.some((field) => field === 'active' || field === 'unitId' || field === 'jobRole');
}

/**
 * Whether a change to a unit can put its people into an audience: a unit seen for the first time (its people may
 * have arrived before it) or a unit that moved to another parent. Units are walked whether active or not, so
 * (de)activating one changes no audience.
 */
export function unitChangeMayJoinAudience(change: { before: unknown; changed: readonly string[] }): boolean {
  return change.before === null || change.changed.includes('parentId');
}

/** The major number of a `major.minor` version string. */
export function majorOf(version: string): number {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`"${version}" is not a major.minor version`);
  return Number(match[1]);
}

export interface RateCounts {
  total: number;
  acknowledged: number;
}

/** Acknowledged share of the tasks, 0 … 1, rounded to 4 places; 0 when there are no tasks (nothing to rate). */
export function rate({ total, acknowledged }: RateCounts): number {
  return total === 0 ? 0 : Math.round((acknowledged / total) * 10_000) / 10_000;
}
