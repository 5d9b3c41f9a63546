import { EventData, OrgUnitUpserted, PersonUpserted } from '@iso27001/contracts';

/** The replicated fields of a person, as the row stores them (without keys and timestamp). */
export interface PersonState {
  email: string;
  name: string;
  unitId: string | null;
  managerId: string | null;
  jobRole: string | null;
  /** `undefined`: the event predates the field, so the stored value stays. */
  externalId: string | null | undefined;
  active: boolean;
}

/** The replicated fields of an organisation unit, as the row stores them. */
export interface UnitState {
  name: string;
  kind: string;
  parentId: string | null;
  /** `undefined`: the event predates the field, so the stored value stays. */
  externalId: string | null | undefined;
  /** `undefined`: the event predates the field; a new row is active, an existing one keeps its value. */
  active: boolean | undefined;
}

export const personFields = ['email', 'name', 'unitId', 'managerId', 'jobRole', 'externalId', 'active'] as const;
export const unitFields = ['name', 'kind', 'parentId', 'externalId', 'active'] as const;

export type PersonField = (typeof personFields)[number];
export type UnitField = (typeof unitFields)[number];

/** E-mail addresses compare trimmed and ignoring case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function blankToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value?.trim() || null;
}

export function personStateOf(data: EventData<typeof PersonUpserted>): PersonState {
  return {
    email: normaliseEmail(data.email),
    name: data.name,
    unitId: data.unitId,
    managerId: data.managerId,
    jobRole: blankToNull(data.jobRole) ?? null,
    externalId: blankToNull(data.externalId),
    active: data.active,
  };
}

export function unitStateOf(data: EventData<typeof OrgUnitUpserted>): UnitState {
  return { name: data.name, kind: data.kind, parentId: data.parentId, externalId: blankToNull(data.externalId), active: data.active };
}

/**
 * The fields whose values differ between two states of a row (both read back from the database, so ids and e-mails
 * are already in their stored form); every field when there was no row before.
 */
export function changedFields<F extends string>(fields: readonly F[], before: Readonly<Record<F, unknown>> | null, after: Readonly<Record<F, unknown>>): F[] {
  if (!before) return [...fields];
  return fields.filter((field) => before[field] !== after[field]);
}

/** Distinct ids, without empty ones: the argument of one `= ANY($n::uuid[])`. */
export function distinctIds(ids: readonly (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((id): id is string => !!id).map((id) => id.toLowerCase()))];
}

/**
 * Of several events about the same subjects (one batch), the one per subject that decides its state: the newest by
 * `occurredAt`, and of equally new ones the last delivered (as applying them one by one would leave it). Keeps the
 * order in which the chosen events arrived.
 */
export function newestPerSubject<T extends { occurredAt: string }>(events: readonly T[], subjectOf: (event: T) => string): T[] {
  const chosen = new Map<string, { event: T; index: number }>();
  events.forEach((event, index) => {
    const key = subjectOf(event);
    const current = chosen.get(key);
    if (!current || Date.parse(current.event.occurredAt) <= Date.parse(event.occurredAt)) chosen.set(key, { event, index });
  });
  return [...chosen.values()].sort((a, b) => a.index - b.index).map(({ event }) => event);
}
