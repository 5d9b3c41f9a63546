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

/**
 * An active person is in the audience when it is everyone, when their unit is one of the audience's units (direct
 * match: training keeps no unit tree), or when their job role is one of the audience's job roles.
 * The SQL of `PolicyAcknowledgementService.openTasks` is the same rule, set-based.
 */
export function inAudience(person: AudienceCandidate, audience: PolicyAudience): boolean {
  if (!person.active) return false;
  if (audience.everyone) return true;
  if (person.unitId && audience.unitIds.some((id) => id.toLowerCase() === person.unitId!.toLowerCase())) return true; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  if (person.jobRole) {
    const role = normaliseJobRole(person.jobRole);
    if (role && audience.jobRoles.some((candidate) => normaliseJobRole(candidate) === role)) return true;
  }
  return false;
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
