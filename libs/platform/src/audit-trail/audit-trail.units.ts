/**
 * The unit each trail row belongs to, so an external auditor reads only the rows of the grant's units
 * (audit-trail.scope.ts). An entity declares how its rows find their unit, beside its columns:
 * - a row with its own `unitId` column needs nothing: the subscriber reads it;
 * - a row that belongs to another record of a unit (an assessment to its risk, an assignment to its trainee)
 *   names that record: `@AuditUnit({ via: { table: 'risk', key: 'riskId' } })`, resolved in the transaction that
 *   writes the row;
 * - a row of organisation data that every auditor may read (the methodology, the ISMS scope, the catalogue's SoA)
 *   says so: `@AuditUnit({ organisationLevel: true })`. Rows of any other record without a unit stay hidden from
 *   external auditors;
 * - a record external auditors never read, whatever its unit (who holds which role), says
 *   `@AuditUnit({ internal: true })`: its rows are never shown to them.
 */
export interface AuditUnitVia {
  /** The table of the record that holds the unit. */
  table: string;
  /** The property of this entity that holds that record's id. */
  key: string;
  /** That table's id column (default `id`). */
  idColumn?: string;
  /** That table's unit column (default `unit_id`). */
  unitColumn?: string;
}

export type AuditUnitSpec = { via: AuditUnitVia } | { organisationLevel: true } | { internal: true };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const specs = new Map<Function, AuditUnitSpec>();

/** Declares how the rows of an entity find their unit in the audit trail (see above). */
export function AuditUnit(spec: AuditUnitSpec): ClassDecorator {
  if ('via' in spec) {
    for (const name of [spec.via.table, spec.via.idColumn ?? 'id', spec.via.unitColumn ?? 'unit_id']) {
      if (!IDENTIFIER.test(name)) throw new Error(`@AuditUnit: "${name}" is not a plain SQL identifier`);
    }
  }
  return (target) => {
    specs.set(target, spec);
  };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function auditUnitSpecOf(target: Function | string): AuditUnitSpec | undefined {
  return typeof target === 'string' ? undefined : specs.get(target);
}

/**
 * The tables of the given entities (a data source's `entityMetadatas`) by what they are to an external auditor:
 * organisation data they read (`organisationLevel`), and records never shown to them (`internal`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function auditorTables(entities: readonly { target: Function | string; tableName: string }[]): { organisationLevel: string[]; internal: string[] } {
  const marked = (kind: 'organisationLevel' | 'internal') =>
    entities
      .filter((entity) => {
        const spec = auditUnitSpecOf(entity.target);
        return spec !== undefined && kind in spec;
      })
      .map((entity) => entity.tableName)
      .sort();
  return { organisationLevel: marked('organisationLevel'), internal: marked('internal') };
}

/** A MUTATION row's unit: the one unit all its records share, or none (records of several units, or without one). */
export function commonUnit(units: readonly (string | null)[]): string | null {
  if (units.length === 0) return null;
  const first = units[0] ?? null;
  return first !== null && units.every((unit) => unit === first) ? first : null;
}
