import { EntityManager, In } from 'typeorm';
import { Envelope, EventData, OrgUnitUpserted } from '@iso27001/contracts';
import { Logger } from '@iso27001/platform';
import { changedFields, distinctIds, UnitField, unitFields, unitStateOf } from './org-replica.rules';
import { UnitReplicaEntity } from './unit-replica.entity';

/** A row that an event actually changed: `before` is null for a unit seen for the first time. */
export interface UnitReplicaChange {
  before: UnitReplicaEntity | null;
  after: UnitReplicaEntity;
  changed: UnitField[];
}

const COLUMNS = 'organisation_id, unit_id, name, kind, parent_id, external_id, active, updated_at';

interface UnitRow {
  organisation_id: string;
  unit_id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  external_id: string | null;
  active: boolean;
  updated_at: Date;
}

function toEntity(row: UnitRow): UnitReplicaEntity {
  return Object.assign(new UnitReplicaEntity(), {
    organisationId: row.organisation_id,
    unitId: row.unit_id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    externalId: row.external_id,
    active: row.active,
    updatedAt: row.updated_at,
  });
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The body of a recursive CTE `<name>(unit_id)`: the root units (a `uuid[]` parameter) and all their descendants,
 * for use after `WITH RECURSIVE` in a service's own set-based statement. A root the replica does not know yet is
 * still in it. `UNION` (not `UNION ALL`) ends the walk even if out-of-order moves left a cycle for a moment.
 * Inactive units are walked like the others: the hierarchy is the hierarchy; people carry their own `active`.
 */
export function unitSubtreeCte(name: string, organisationParam: string, rootsParam: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain SQL identifier`);
  return `${name}(unit_id) AS (
      SELECT unnest(${rootsParam}::uuid[])
      UNION
      SELECT u.unit_id FROM unit_replica u JOIN ${name} s ON u.parent_id = s.unit_id WHERE u.organisation_id = ${organisationParam}
    )`;
}

/** Organisation units replicated from isms-service: applying their events, the hierarchy queries (each one query). */
export class UnitReplicaService {
  constructor(private readonly deps: { logger: Logger }) {}

  /**
   * Applies a unit's full state. An event older than the row leaves the row as it is; returns the change, or null
   * when the row did not change (older event, or the same state again).
   */
  async apply(manager: EntityManager, event: Envelope<EventData<typeof OrgUnitUpserted>>): Promise<UnitReplicaChange | null> {
    const state = unitStateOf(event.data);
    const [previous]: UnitRow[] = await manager.query(`SELECT ${COLUMNS} FROM unit_replica WHERE organisation_id = $1 AND unit_id = $2 FOR UPDATE`, [
      event.organisationId,
      event.data.id,
    ]);
    const rows: UnitRow[] = await manager.query(
      `INSERT INTO unit_replica (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organisation_id, unit_id) DO UPDATE
         SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, updated_at = EXCLUDED.updated_at,
             external_id = CASE WHEN $9 THEN EXCLUDED.external_id ELSE unit_replica.external_id END,
             active = CASE WHEN $10 THEN EXCLUDED.active ELSE unit_replica.active END
         WHERE unit_replica.updated_at <= EXCLUDED.updated_at
       RETURNING ${COLUMNS}`,
      [
        event.organisationId,
        event.data.id,
        state.name,
        state.kind,
        state.parentId,
        state.externalId ?? null,
        state.active ?? true,
        event.occurredAt,
        state.externalId !== undefined,
        state.active !== undefined,
      ],
    );
    if (rows.length === 0) {
      this.deps.logger.info({ unitId: event.data.id, eventId: event.id, occurredAt: event.occurredAt }, 'older unit event ignored');
      return null;
    }
    const before = previous ? toEntity(previous) : null;
    const after = toEntity(rows[0]!); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const changed = changedFields(unitFields, before, after);
    return changed.length > 0 ? { before, after, changed } : null;
  }

  /** Known units among the ids, keyed by id. */
  async byIds(manager: EntityManager, organisationId: string, ids: readonly string[]): Promise<Map<string, UnitReplicaEntity>> {
    const unique = distinctIds(ids);
    if (unique.length === 0) return new Map();
    const rows = await manager.findBy(UnitReplicaEntity, { organisationId, unitId: In(unique) });
    return new Map(rows.map((row) => [row.unitId, row]));
  }

  /** The ids of the units and all their descendants, roots included (known to the replica or not). */
  async subtreeIds(manager: EntityManager, organisationId: string, unitIds: readonly string[]): Promise<string[]> {
    const roots = distinctIds(unitIds);
    if (roots.length === 0) return [];
    const rows: { unit_id: string }[] = await manager.query(`WITH RECURSIVE ${unitSubtreeCte('subtree', '$1', '$2')} SELECT unit_id FROM subtree`, [organisationId, roots]);
    return rows.map((row) => row.unit_id);
  }

  /** The known units among the roots and all their descendants, by name. */
  async subtree(manager: EntityManager, organisationId: string, unitIds: readonly string[]): Promise<UnitReplicaEntity[]> {
    const roots = distinctIds(unitIds);
    if (roots.length === 0) return [];
    const rows: UnitRow[] = await manager.query(
      `WITH RECURSIVE ${unitSubtreeCte('subtree', '$1', '$2')}
       SELECT ${COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}
       FROM unit_replica u JOIN subtree s ON u.unit_id = s.unit_id
       WHERE u.organisation_id = $1
       ORDER BY u.name, u.unit_id`,
      [organisationId, roots],
    );
    return rows.map(toEntity);
  }

  /**
   * The unit and its ancestors, nearest first, as far as the replica knows them (the unit itself even if unknown).
   * Stops at a cycle rather than looping.
   */
  async ancestorIds(manager: EntityManager, organisationId: string, unitId: string): Promise<string[]> {
    const rows: { unit_id: string }[] = await manager.query(
      `WITH RECURSIVE path(unit_id, depth, seen) AS (
         SELECT $2::uuid, 0, ARRAY[$2::uuid]
         UNION ALL
         SELECT u.parent_id, p.depth + 1, p.seen || u.parent_id
         FROM path p JOIN unit_replica u ON u.organisation_id = $1 AND u.unit_id = p.unit_id
         WHERE u.parent_id IS NOT NULL AND NOT u.parent_id = ANY(p.seen)
       )
       SELECT unit_id FROM path ORDER BY depth`,
      [organisationId, unitId],
    );
    return rows.map((row) => row.unit_id);
  }
}
