import { isEmail } from 'class-validator';
import { orgUnitKinds } from '@iso27001/contracts';
import { cycleIfLinked, depths, nodesOnCycles } from '../shared/hierarchy';
import { ParsedRow, ParsedTable } from './import-file.parser';

/**
 * Pure planning of an import: validates every row, matches rows to existing records, resolves units, parents and
 * managers (which may appear later in the same file), refuses cycles, and orders the writes so that a parent or
 * manager is always written before the rows that point to it. No database access: the runner loads the existing
 * records, calls the planner, and writes the plan in batches.
 */

export type ImportKind = 'PEOPLE' | 'UNITS';

export interface RowError {
  rowNumber: number;
  column: string | null;
  message: string;
}

export const REQUIRED_COLUMNS: Record<ImportKind, string[]> = { PEOPLE: ['email', 'name'], UNITS: ['name'] };
export const KNOWN_COLUMNS: Record<ImportKind, string[]> = {
  PEOPLE: ['email', 'name', 'external_id', 'unit', 'manager_email', 'job_role', 'active'],
  UNITS: ['external_id', 'name', 'kind', 'parent'],
};

/** Null when the header is usable; otherwise the message that fails the whole job. */
export function headerProblem(kind: ImportKind, headers: string[]): string | null {
  const missing = REQUIRED_COLUMNS[kind].filter((column) => !headers.includes(column));
  if (missing.length === 0) return null;
  return `missing required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (found: ${headers.map((h) => `"${h}"`).join(', ') || 'none'}); the columns are ${KNOWN_COLUMNS[kind].join(', ')}`;
}

export function ignoredColumns(kind: ImportKind, headers: string[]): string[] {
  return headers.filter((h) => !KNOWN_COLUMNS[kind].includes(h));
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'active', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'inactive', 'left', 'leaver']);

/** `yes`/`no`, `true`/`false`, `1`/`0`, `active`/`inactive`; undefined when it is none of them. */
export function parseActive(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

export function parseKind(value: string): (typeof orgUnitKinds)[number] | undefined {
  const v = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  return (orgUnitKinds as readonly string[]).includes(v) ? (v as (typeof orgUnitKinds)[number]) : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Units: resolving "unit" / "parent" references (external id, exact name, or path "Retail Banking/Payments")
// ---------------------------------------------------------------------------------------------------------------

export interface UnitNode {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  externalId: string | null;
  active: boolean;
}

export class UnitDirectory {
  private readonly byExternalId = new Map<string, UnitNode>();
  private readonly byName = new Map<string, UnitNode[]>();
  private readonly byId = new Map<string, UnitNode>();

  constructor(units: UnitNode[]) {
    for (const unit of units) {
      this.byId.set(unit.id, unit);
      if (unit.externalId) this.byExternalId.set(unit.externalId, unit);
      const key = unit.name.trim().toLowerCase();
      this.byName.set(key, [...(this.byName.get(key) ?? []), unit]);
    }
  }

  get(id: string): UnitNode | undefined {
    return this.byId.get(id);
  }

  externalId(ref: string): UnitNode | undefined {
    return this.byExternalId.get(ref.trim());
  }

  named(name: string): UnitNode[] {
    return this.byName.get(name.trim().toLowerCase()) ?? [];
  }

  path(id: string): string {
    const names: string[] = [];
    let current = this.byId.get(id);
    for (let guard = 0; current && guard < 100; guard += 1) {
      names.unshift(current.name);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
    }
    return names.join('/');
  }

  /** Resolves a reference: external id first, then a path (with "/"), then an exact (case-insensitive) name. */
  resolve(ref: string): { unit: UnitNode } | { error: string } {
    const value = ref.trim();
    const byExternal = this.externalId(value);
    if (byExternal) return { unit: byExternal };
    if (value.includes('/')) {
      const segments = value.split('/').map((s) => s.trim()).filter((s) => s !== '');
      const last = segments[segments.length - 1] ?? '';
      const matches = this.named(last).filter((unit) => {
        let current: UnitNode | undefined = unit;
        for (let i = segments.length - 1; i >= 0; i -= 1) {
          if (!current || current.name.trim().toLowerCase() !== (segments[i] as string).toLowerCase()) return false;
          current = i > 0 && current.parentId ? this.byId.get(current.parentId) : i > 0 ? undefined : current;
        }
        return true;
      });
      if (matches.length === 1) return { unit: matches[0] as UnitNode };
      if (matches.length > 1) return { error: `unit path "${value}" matches ${matches.length} units; use the external id` };
      return { error: `no unit with external id, path or name "${value}"` };
    }
    const named = this.named(value);
    if (named.length === 1) return { unit: named[0] as UnitNode };
    if (named.length > 1) {
      return { error: `unit name "${value}" is ambiguous (${named.map((u) => this.path(u.id)).join(', ')}); use the external id or the path` };
    }
    return { error: `no unit with external id, path or name "${value}"` };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

export interface PersonState {
  id: string;
  email: string;
  name: string;
  externalId: string | null;
  unitId: string | null;
  managerId: string | null;
  jobRole: string | null;
  active: boolean;
}

export interface PlannedWrite<TState> {
  rowNumber: number;
  isNew: boolean;
  state: TState;
}

export interface ImportPlan<TState> {
  /** In write order: parents/managers before the rows that refer to them. */
  writes: PlannedWrite<TState>[];
  unchanged: number;
  failed: number;
  errors: RowError[];
}

const MAX_TEXT = 200;

class RowErrors {
  readonly errors: RowError[] = [];
  readonly failed = new Set<number>();

  add(rowNumber: number, column: string | null, message: string): void {
    this.errors.push({ rowNumber, column, message });
    this.failed.add(rowNumber);
  }
}

function textProblem(column: string, value: string, required: boolean): string | null {
  if (value === '') return required ? `${column} is required` : null;
  if (value.length > MAX_TEXT) return `${column} is longer than ${MAX_TEXT} characters`;
  return null;
}

function samePerson(a: PersonState, b: PersonState): boolean {
  return (
    a.email === b.email &&
    a.name === b.name &&
    a.externalId === b.externalId &&
    a.unitId === b.unitId &&
    a.managerId === b.managerId &&
    a.jobRole === b.jobRole &&
    a.active === b.active
  );
}

/**
 * Plans a people import. Columns present in the header are applied (an empty cell clears an optional value);
 * columns absent from the header leave existing values as they are.
 */
export function planPeopleImport(table: Pick<ParsedTable, 'headers' | 'rows'>, existing: PersonState[], units: UnitNode[], newId: () => string): ImportPlan<PersonState> {
  const has = new Set(table.headers);
  const problems = new RowErrors();
  const directory = new UnitDirectory(units);
  const existingByEmail = new Map(existing.map((p) => [p.email, p]));
  const existingByExternalId = new Map(existing.filter((p) => p.externalId).map((p) => [p.externalId as string, p]));
  const existingById = new Map(existing.map((p) => [p.id, p]));

  interface Candidate {
    row: ParsedRow;
    state: PersonState;
    original: PersonState | null;
    managerEmail: string | null | undefined;
  }
  const candidates: Candidate[] = [];
  const firstRowOfEmail = new Map<string, number>();
  const firstRowOfExternalId = new Map<string, number>();
  const firstRowOfPerson = new Map<string, number>();

  for (const row of table.rows) {
    const v = (column: string) => row.values[column] ?? '';
    const n = row.rowNumber;
    const email = v('email').toLowerCase();
    if (email === '') problems.add(n, 'email', 'email is required');
    else if (!isEmail(email)) problems.add(n, 'email', `"${v('email')}" is not a valid e-mail address`);
    const name = v('name');
    const nameProblem = textProblem('name', name, true);
    if (nameProblem) problems.add(n, 'name', nameProblem);
    const externalId = v('external_id');
    const externalProblem = textProblem('external_id', externalId, false);
    if (externalProblem) problems.add(n, 'external_id', externalProblem);
    const jobRole = v('job_role');
    const jobProblem = textProblem('job_role', jobRole, false);
    if (jobProblem) problems.add(n, 'job_role', jobProblem);
    let active: boolean | undefined;
    if (has.has('active') && v('active') !== '') {
      active = parseActive(v('active'));
      if (active === undefined) problems.add(n, 'active', `active must be yes/no, true/false or 1/0, not "${v('active')}"`);
    }
    let unitId: string | null | undefined;
    if (has.has('unit')) {
      if (v('unit') === '') unitId = null;
      else {
        const resolved = directory.resolve(v('unit'));
        if ('error' in resolved) problems.add(n, 'unit', resolved.error);
        else if (!resolved.unit.active) problems.add(n, 'unit', `unit "${directory.path(resolved.unit.id)}" is deactivated`);
        else unitId = resolved.unit.id;
      }
    }
    let managerEmail: string | null | undefined;
    if (has.has('manager_email')) {
      const m = v('manager_email').toLowerCase();
      if (m === '') managerEmail = null;
      else if (!isEmail(m)) problems.add(n, 'manager_email', `"${v('manager_email')}" is not a valid e-mail address`);
      else if (m === email) problems.add(n, 'manager_email', 'a person cannot be their own manager');
      else managerEmail = m;
    }
    if (problems.failed.has(n)) continue;

    // Each person once per file.
    const emailSeen = firstRowOfEmail.get(email);
    if (emailSeen !== undefined) {
      problems.add(n, 'email', `e-mail ${email} also appears in row ${emailSeen}; each person may appear once per file`);
      continue;
    }
    if (externalId) {
      const externalSeen = firstRowOfExternalId.get(externalId);
      if (externalSeen !== undefined) {
        problems.add(n, 'external_id', `external id "${externalId}" also appears in row ${externalSeen}`);
        continue;
      }
    }
    // Upsert by external id, else by e-mail.
    let original = (externalId && existingByExternalId.get(externalId)) || null;
    if (original) {
      const holder = existingByEmail.get(email);
      if (holder && holder.id !== original.id) {
        problems.add(n, 'email', `e-mail ${email} belongs to another person (${holder.name}) than external id "${externalId}" (${original.name})`);
        continue;
      }
    } else {
      original = existingByEmail.get(email) ?? null;
    }
    if (original) {
      const seen = firstRowOfPerson.get(original.id);
      if (seen !== undefined) {
        problems.add(n, null, `this row and row ${seen} both describe ${original.name}`);
        continue;
      }
      firstRowOfPerson.set(original.id, n);
    }
    firstRowOfEmail.set(email, n);
    if (externalId) firstRowOfExternalId.set(externalId, n);
    const base: PersonState = original ?? { id: newId(), email, name, externalId: null, unitId: null, managerId: null, jobRole: null, active: true };
    candidates.push({
      row,
      original,
      managerEmail,
      state: {
        ...base,
        email,
        name,
        externalId: has.has('external_id') ? externalId || null : base.externalId,
        unitId: unitId === undefined ? base.unitId : unitId,
        jobRole: has.has('job_role') ? jobRole || null : base.jobRole,
        active: active === undefined ? base.active : active,
      },
    });
  }

  // Managers, resolved after the first pass: the file first (a manager may come later), then the organisation.
  const fileIdByEmail = new Map(candidates.map((c) => [c.state.email, c.state.id]));
  const fileRowOfEmail = new Map<string, number>();
  for (const row of table.rows) {
    const email = (row.values['email'] ?? '').toLowerCase();
    if (email && !fileRowOfEmail.has(email)) fileRowOfEmail.set(email, row.rowNumber);
  }
  for (const candidate of candidates) {
    if (candidate.managerEmail === undefined) continue;
    if (candidate.managerEmail === null) {
      candidate.state.managerId = null;
      continue;
    }
    const managerId = fileIdByEmail.get(candidate.managerEmail) ?? existingByEmail.get(candidate.managerEmail)?.id;
    if (!managerId) {
      const failedRow = fileRowOfEmail.get(candidate.managerEmail);
      problems.add(
        candidate.row.rowNumber,
        'manager_email',
        failedRow !== undefined
          ? `manager ${candidate.managerEmail} (row ${failedRow}) could not be imported`
          : `no person with e-mail ${candidate.managerEmail} in this file or in the organisation`,
      );
    } else {
      candidate.state.managerId = managerId;
    }
  }

  // Rows that survive, until stable: a new person whose row failed cannot be anyone's manager, and the reporting
  // line (existing people overlaid with the file) must not form a cycle.
  let surviving = candidates.filter((c) => !problems.failed.has(c.row.rowNumber));
  for (;;) {
    const alive = new Set(surviving.map((c) => c.state.id));
    const finalManager = new Map<string, string | null>([...existing.map((p) => [p.id, p.managerId] as const), ...surviving.map((c) => [c.state.id, c.state.managerId] as const)]);
    const emailOf = (id: string) => surviving.find((c) => c.state.id === id)?.state.email ?? existingById.get(id)?.email ?? id;
    const cyclic = nodesOnCycles(alive, (id) => finalManager.get(id));
    let dropped = false;
    for (const candidate of surviving) {
      const managerId = candidate.state.managerId;
      if (managerId && !alive.has(managerId) && !existingById.has(managerId)) {
        problems.add(candidate.row.rowNumber, 'manager_email', `manager ${candidate.managerEmail} (row ${fileRowOfEmail.get(candidate.managerEmail ?? '')}) could not be imported`);
        dropped = true;
        continue;
      }
      const cycle = cyclic.has(candidate.state.id) ? cycleIfLinked(candidate.state.id, managerId, (id) => finalManager.get(id)) : null;
      if (cycle) {
        problems.add(candidate.row.rowNumber, 'manager_email', `the reporting line would form a cycle: ${cycle.map(emailOf).join(' -> ')}`);
        dropped = true;
      }
    }
    if (!dropped) break;
    surviving = surviving.filter((c) => !problems.failed.has(c.row.rowNumber));
  }

  const byId = new Map(surviving.map((c) => [c.state.id, c]));
  const { depth } = depths(byId.keys(), (id) => byId.get(id)?.state.managerId);
  let unchanged = 0;
  const writes: (PlannedWrite<PersonState> & { depth: number })[] = [];
  for (const candidate of surviving) {
    if (candidate.original && samePerson(candidate.original, candidate.state)) {
      unchanged += 1;
      continue;
    }
    writes.push({ rowNumber: candidate.row.rowNumber, isNew: candidate.original === null, state: candidate.state, depth: depth.get(candidate.state.id) ?? 0 });
  }
  writes.sort((a, b) => a.depth - b.depth || a.rowNumber - b.rowNumber);
  return {
    writes: writes.map(({ depth: _depth, ...write }) => write),
    unchanged,
    failed: problems.failed.size,
    errors: problems.errors.sort((a, b) => a.rowNumber - b.rowNumber),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------------------------

export type UnitState = UnitNode;

function sameUnit(a: UnitState, b: UnitState): boolean {
  return a.name === b.name && a.kind === b.kind && a.parentId === b.parentId && a.externalId === b.externalId && a.active === b.active;
}

/**
 * Plans a units import. A parent may be another row of the file (by external id or name) or an existing unit
 * (external id, path or name). Upsert by external id, else by name under the same parent.
 */
export function planUnitsImport(table: Pick<ParsedTable, 'headers' | 'rows'>, existing: UnitNode[], newId: () => string): ImportPlan<UnitState> {
  const has = new Set(table.headers);
  const problems = new RowErrors();
  const directory = new UnitDirectory(existing);

  interface Row {
    row: ParsedRow;
    name: string;
    externalId: string;
    kind: string | undefined;
    parentRef: string;
    parentRow?: Row;
    parentUnitId?: string | null;
    state?: UnitState;
    original?: UnitNode | null;
  }
  const rows: Row[] = [];
  const firstRowOfExternalId = new Map<string, number>();
  for (const row of table.rows) {
    const v = (column: string) => row.values[column] ?? '';
    const n = row.rowNumber;
    const name = v('name');
    const nameProblem = textProblem('name', name, true);
    if (nameProblem) problems.add(n, 'name', nameProblem);
    if (name.includes('/')) problems.add(n, 'name', 'a unit name cannot contain "/" (it separates the levels of a path)');
    const externalId = v('external_id');
    const externalProblem = textProblem('external_id', externalId, false);
    if (externalProblem) problems.add(n, 'external_id', externalProblem);
    let kind: string | undefined;
    if (has.has('kind') && v('kind') !== '') {
      kind = parseKind(v('kind'));
      if (!kind) problems.add(n, 'kind', `kind must be one of ${orgUnitKinds.join(', ')}, not "${v('kind')}"`);
    }
    if (externalId) {
      const seen = firstRowOfExternalId.get(externalId);
      if (seen !== undefined) problems.add(n, 'external_id', `external id "${externalId}" also appears in row ${seen}`);
      else firstRowOfExternalId.set(externalId, n);
    }
    if (!problems.failed.has(n)) rows.push({ row, name, externalId, kind, parentRef: has.has('parent') ? v('parent') : '' });
  }

  // Parents: a row of the file (external id, then unique name) before an existing unit (external id, path, name).
  const rowsByExternalId = new Map(rows.filter((r) => r.externalId).map((r) => [r.externalId, r]));
  const rowsByName = new Map<string, Row[]>();
  for (const r of rows) rowsByName.set(r.name.toLowerCase(), [...(rowsByName.get(r.name.toLowerCase()) ?? []), r]);
  for (const r of rows) {
    if (!r.parentRef) {
      r.parentUnitId = null;
      continue;
    }
    const ref = r.parentRef.trim();
    const fileByExternal = rowsByExternalId.get(ref);
    const fileByName = ref.includes('/') ? undefined : rowsByName.get(ref.toLowerCase());
    if (fileByExternal) r.parentRow = fileByExternal;
    else if (directory.externalId(ref)) r.parentUnitId = (directory.externalId(ref) as UnitNode).id;
    else if (fileByName && fileByName.length === 1) r.parentRow = fileByName[0];
    else if (fileByName && fileByName.length > 1) {
      problems.add(r.row.rowNumber, 'parent', `parent "${ref}" matches rows ${fileByName.map((x) => x.row.rowNumber).join(', ')} of this file; use the external id`);
    } else {
      const resolved = directory.resolve(ref);
      if ('error' in resolved) {
        const hint = ref.includes('/') && resolved.error.startsWith('no unit') ? ' (a path names existing units; for a parent in this file use its external id or name)' : '';
        problems.add(r.row.rowNumber, 'parent', resolved.error.replace(/^no unit/, 'no parent unit') + hint);
      }
      else if (!resolved.unit.active) problems.add(r.row.rowNumber, 'parent', `parent unit "${directory.path(resolved.unit.id)}" is deactivated`);
      else r.parentUnitId = resolved.unit.id;
    }
    if (r.parentRow === r) problems.add(r.row.rowNumber, 'parent', 'a unit cannot be its own parent');
  }

  // Order by the parent chain inside the file; a chain that loops inside the file is refused.
  let live = rows.filter((r) => !problems.failed.has(r.row.rowNumber));
  const key = (r: Row) => String(r.row.rowNumber);
  const byKey = new Map(live.map((r) => [key(r), r]));
  const { depth, cyclic, blocked } = depths(byKey.keys(), (k) => {
    const parent = byKey.get(k)?.parentRow;
    return parent ? key(parent) : null;
  });
  for (const k of cyclic) problems.add(Number(k), 'parent', 'the parent references in this file form a cycle');
  for (const k of blocked) problems.add(Number(k), 'parent', `parent row ${byKey.get(k)?.parentRow?.row.rowNumber} could not be imported`);
  live = live.filter((r) => !problems.failed.has(r.row.rowNumber)).sort((a, b) => (depth.get(key(a)) ?? 0) - (depth.get(key(b)) ?? 0) || a.row.rowNumber - b.row.rowNumber);

  // Match and build the final state, parents first.
  const existingByExternalId = new Map(existing.filter((u) => u.externalId).map((u) => [u.externalId as string, u]));
  const existingByNameParent = new Map(existing.map((u) => [`${u.parentId ?? ''}|${u.name.toLowerCase()}`, u]));
  const claimed = new Map<string, number>();
  for (const r of live) {
    const n = r.row.rowNumber;
    if (r.parentRow) {
      if (!r.parentRow.state || problems.failed.has(r.parentRow.row.rowNumber)) {
        problems.add(n, 'parent', `parent row ${r.parentRow.row.rowNumber} could not be imported`);
        continue;
      }
      r.parentUnitId = r.parentRow.state.id;
    }
    const parentId = r.parentUnitId ?? null;
    let original = (r.externalId && existingByExternalId.get(r.externalId)) || null;
    if (!original) {
      const sameName = existingByNameParent.get(`${parentId ?? ''}|${r.name.toLowerCase()}`) ?? null;
      if (sameName && sameName.externalId && r.externalId && sameName.externalId !== r.externalId) {
        problems.add(n, 'name', `a unit named "${r.name}" already exists there with external id "${sameName.externalId}"`);
        continue;
      }
      original = sameName;
    }
    if (original) {
      const seen = claimed.get(original.id);
      if (seen !== undefined) {
        problems.add(n, null, `this row and row ${seen} both describe unit "${directory.path(original.id)}"`);
        continue;
      }
      claimed.set(original.id, n);
    } else if (!r.kind) {
      problems.add(n, 'kind', `kind is required for a new unit (one of ${orgUnitKinds.join(', ')})`);
      continue;
    }
    r.original = original;
    r.state = {
      id: original?.id ?? newId(),
      name: r.name,
      kind: r.kind ?? (original as UnitNode).kind,
      parentId,
      externalId: has.has('external_id') ? r.externalId || null : (original?.externalId ?? null),
      active: original?.active ?? true,
    };
  }

  // The final hierarchy (existing overlaid with the file) must stay a tree, and names unique under each parent.
  let surviving = live.filter((r) => r.state && !problems.failed.has(r.row.rowNumber));
  for (;;) {
    const alive = new Set(surviving.map((r) => (r.state as UnitState).id));
    const finalParent = new Map<string, string | null>([...existing.map((u) => [u.id, u.parentId] as const), ...surviving.map((r) => [(r.state as UnitState).id, (r.state as UnitState).parentId] as const)]);
    const finalName = new Map<string, string>([...existing.map((u) => [u.id, u.name] as const), ...surviving.map((r) => [(r.state as UnitState).id, (r.state as UnitState).name] as const)]);
    const existingIds = new Set(existing.map((u) => u.id));
    const rowOfId = new Map(surviving.map((r) => [(r.state as UnitState).id, r.row.rowNumber]));
    const holders = new Map<string, string[]>();
    for (const [id, name] of finalName) {
      const slot = `${finalParent.get(id) ?? ''}|${name.toLowerCase()}`;
      holders.set(slot, [...(holders.get(slot) ?? []), id]);
    }
    const cyclic = nodesOnCycles(alive, (id) => finalParent.get(id));
    let dropped = false;
    for (const r of surviving) {
      const state = r.state as UnitState;
      if (state.parentId && !alive.has(state.parentId) && !existingIds.has(state.parentId)) {
        problems.add(r.row.rowNumber, 'parent', `parent row ${r.parentRow?.row.rowNumber} could not be imported`);
        dropped = true;
        continue;
      }
      const cycle = cyclic.has(state.id) ? cycleIfLinked(state.id, state.parentId, (id) => finalParent.get(id)) : null;
      if (cycle) {
        problems.add(r.row.rowNumber, 'parent', `the hierarchy would form a cycle: ${cycle.map((id) => finalName.get(id) ?? id).join(' -> ')}`);
        dropped = true;
        continue;
      }
      const slot = `${state.parentId ?? ''}|${state.name.toLowerCase()}`;
      // Another holder of the name there wins when it is not in the file or comes from an earlier row.
      const rival = (holders.get(slot) ?? []).find((id) => id !== state.id && (!rowOfId.has(id) || (rowOfId.get(id) as number) < r.row.rowNumber));
      if (rival) {
        problems.add(r.row.rowNumber, 'name', `another unit named "${state.name}" already exists under the same parent`);
        dropped = true;
      }
    }
    if (!dropped) break;
    surviving = surviving.filter((r) => !problems.failed.has(r.row.rowNumber));
  }

  let unchanged = 0;
  const writes: PlannedWrite<UnitState>[] = [];
  for (const r of surviving) {
    const state = r.state as UnitState;
    if (r.original && sameUnit(r.original, state)) unchanged += 1;
    else writes.push({ rowNumber: r.row.rowNumber, isNew: !r.original, state });
  }
  return { writes, unchanged, failed: problems.failed.size, errors: problems.errors.sort((a, b) => a.rowNumber - b.rowNumber) };
}
