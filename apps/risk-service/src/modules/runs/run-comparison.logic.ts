/** A risk as a run saw it. */
export interface RunItem {
  riskId: string;
  title: string;
  status: string;
  treatment: string | null;
  inherentVersion: number;
  inherentLikelihood: number;
  inherentImpact: number;
  inherentLevel: string;
  residualVersion: number | null;
  residualLikelihood: number | null;
  residualImpact: number | null;
  residualLevel: string | null;
  accepted: boolean;
  needsAcceptance: boolean;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
  /** after − before, for numeric fields (likelihood, impact, score). */
  delta: number | null;
}

export interface RunComparison {
  added: RunItem[];
  removed: RunItem[];
  changed: { before: RunItem; after: RunItem; changes: FieldChange[] }[];
  unchanged: number;
}

const score = (l: number | null, i: number | null) => (l != null && i != null ? l * i : null);

function fields(item: RunItem): Record<string, string | number | boolean | null> {
  return {
    title: item.title,
    status: item.status,
    treatment: item.treatment,
    inherentVersion: item.inherentVersion,
    inherentLikelihood: item.inherentLikelihood,
    inherentImpact: item.inherentImpact,
    inherentScore: score(item.inherentLikelihood, item.inherentImpact),
    inherentLevel: item.inherentLevel,
    residualVersion: item.residualVersion,
    residualLikelihood: item.residualLikelihood,
    residualImpact: item.residualImpact,
    residualScore: score(item.residualLikelihood, item.residualImpact),
    residualLevel: item.residualLevel,
    accepted: item.accepted,
    needsAcceptance: item.needsAcceptance,
  };
}

/** What changed between two runs of the register: risks added, removed, and each changed field with its delta. */
export function compareRuns(before: RunItem[], after: RunItem[]): RunComparison {
  const old = new Map(before.map((item) => [item.riskId, item]));
  const now = new Map(after.map((item) => [item.riskId, item]));
  const byTitle = (a: RunItem, b: RunItem) => a.title.localeCompare(b.title) || a.riskId.localeCompare(b.riskId);
  const result: RunComparison = {
    added: after.filter((item) => !old.has(item.riskId)).sort(byTitle),
    removed: before.filter((item) => !now.has(item.riskId)).sort(byTitle),
    changed: [],
    unchanged: 0,
  };
  for (const item of [...after].sort(byTitle)) {
    const previous = old.get(item.riskId);
    if (!previous) continue;
    const a = fields(previous);
    const b = fields(item);
    const changes: FieldChange[] = Object.keys(b)
      .filter((key) => a[key] !== b[key])
      .map((key) => ({
        field: key,
        before: a[key] == null ? null : String(a[key]),
        after: b[key] == null ? null : String(b[key]),
        delta: typeof a[key] === 'number' && typeof b[key] === 'number' ? (b[key] as number) - (a[key] as number) : null,
      }));
    if (changes.length > 0) result.changed.push({ before: previous, after: item, changes });
    else result.unchanged += 1;
  }
  return result;
}
