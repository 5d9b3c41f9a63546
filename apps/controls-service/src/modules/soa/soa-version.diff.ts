import { SoaSnapshotEntry } from './soa-version.entity';

export const SOA_DIFF_FIELDS = ['APPLICABILITY', 'REASONS', 'JUSTIFICATION', 'IMPLEMENTATION_STATUS', 'OWNERS', 'RISKS', 'POLICIES', 'EVIDENCE'] as const;
export type SoaDiffField = (typeof SOA_DIFF_FIELDS)[number];

export interface SoaFieldChange {
  field: SoaDiffField;
  before: string | null;
  after: string | null;
}

export interface SoaEntryDiff {
  controlId: string;
  changes: SoaFieldChange[];
}

const list = (values: readonly string[]): string | null => (values.length > 0 ? values.join(', ') : null);
const sortedList = (values: readonly string[]): string | null => list([...values].sort());

/** How each field is shown in a diff; two entries differ in a field exactly when these texts differ. */
const FIELD_TEXT: Record<SoaDiffField, (entry: SoaSnapshotEntry) => string | null> = {
  APPLICABILITY: (entry) => (entry.applicable ? 'applicable' : 'not applicable'),
  REASONS: (entry) => list(entry.reasons),
  JUSTIFICATION: (entry) => entry.justification,
  IMPLEMENTATION_STATUS: (entry) => entry.implementationStatus,
  // The order of owners matters (the first is the lead owner); the other lists are sets.
  OWNERS: (entry) => list(entry.ownerIds),
  RISKS: (entry) => sortedList(entry.riskIds),
  POLICIES: (entry) => sortedList(entry.policyIds),
  EVIDENCE: (entry) => sortedList(entry.evidenceIds),
};

/**
 * Per control, what changed from one snapshot to another, in catalogue order of `to` (controls missing on one side
 * compare against an undecided entry).
 */
export function diffSnapshots(from: readonly SoaSnapshotEntry[], to: readonly SoaSnapshotEntry[]): SoaEntryDiff[] {
  const before = new Map(from.map((entry) => [entry.controlId, entry]));
  const after = new Map(to.map((entry) => [entry.controlId, entry]));
  const order = [...to.map((entry) => entry.controlId), ...from.map((entry) => entry.controlId).filter((id) => !after.has(id))];
  const diffs: SoaEntryDiff[] = [];
  for (const controlId of order) {
    const a = before.get(controlId) ?? undecided(controlId);
    const b = after.get(controlId) ?? undecided(controlId);
    const changes = SOA_DIFF_FIELDS.flatMap((field) => {
      const was = FIELD_TEXT[field](a);
      const now = FIELD_TEXT[field](b);
      return was === now ? [] : [{ field, before: was, after: now }];
    });
    if (changes.length > 0) diffs.push({ controlId, changes });
  }
  return diffs;
}

export function undecided(controlId: string): SoaSnapshotEntry {
  return {
    controlId,
    applicable: false,
    reasons: [],
    justification: null,
    riskIds: [],
    implementationStatus: 'NOT_STARTED',
    ownerIds: [],
    policyIds: [],
    evidenceIds: [],
  };
}
