import { EntityManager } from 'typeorm';
import { Access, Claims, isRole, reachesOrganisation, Role } from '@iso27001/authz';
import { Envelope, EventData, RoleAssignmentChanged } from '@iso27001/contracts';
import { Logger } from '@iso27001/platform';
import { normaliseEmail } from './org-replica.rules';

/**
 * The one statement that resolves a caller's access from the replica: their active person record (by e-mail), the
 * active assignments given to that person or to one of the token's groups, and the subtrees of the assigned units
 * and of the units the token itself asserts. Written once here for every service that holds the replica;
 * isms-service, which owns the source tables, runs the same statement over them (`accessQuery`'s table names).
 */
export function accessQuery(tables: { person: string; personId: string; assignment: string; assignmentPersonId: string; assignmentGroup: string; assignmentActive: string; unit: string; unitId: string; unitParentId: string }): string {
  const { person, personId, assignment, assignmentPersonId, assignmentGroup, assignmentActive, unit, unitId, unitParentId } = tables;
  return `WITH RECURSIVE
      me AS (SELECT ${personId} AS person_id FROM ${person} WHERE organisation_id = $1 AND email = $2 AND active LIMIT 1),
      granted AS (
        SELECT a.role, a.unit_id FROM ${assignment} a
        WHERE a.organisation_id = $1 AND a.${assignmentActive}
          AND (a.${assignmentPersonId} = (SELECT person_id FROM me) OR a.${assignmentGroup} = ANY($3::text[]))
      ),
      roots AS (SELECT unit_id FROM granted UNION SELECT unnest($4::uuid[])),
      subtree(unit_id) AS (
        SELECT unit_id FROM roots
        UNION
        SELECT u.${unitId} FROM ${unit} u JOIN subtree s ON u.${unitParentId} = s.unit_id WHERE u.organisation_id = $1
      )
    SELECT (SELECT person_id FROM me) AS person_id,
           (SELECT coalesce(array_agg(DISTINCT role), '{}') FROM granted) AS roles,
           (SELECT coalesce(array_agg(unit_id), '{}') FROM subtree) AS unit_ids`;
}

interface AccessRow {
  person_id: string | null;
  roles: string[];
  unit_ids: string[];
}

/** Folds the statement's row into an Access: the token's roles plus the assigned ones, the expanded units. */
export function accessOf(claims: Claims, row: AccessRow | undefined): Access {
  const assigned = (row?.roles ?? []).filter(isRole);
  const roles = [...new Set<Role>([...claims.roles, ...assigned])];
  return { personId: row?.person_id ?? null, roles, organisationWide: reachesOrganisation(roles), unitIds: [...new Set(row?.unit_ids ?? [])] };
}

/** Runs the access statement with the caller's claims (shared by the replica and isms-service's own tables). */
export async function resolveAccess(manager: Pick<EntityManager, 'query'>, sql: string, claims: Claims): Promise<Access> {
  const [row]: AccessRow[] = await manager.query(sql, [claims.organisationId, normaliseEmail(claims.email), claims.groups ?? [], claims.unitIds]);
  return accessOf(claims, row);
}

const REPLICA_ACCESS_SQL = accessQuery({
  person: 'person_replica',
  personId: 'person_id',
  assignment: 'role_assignment_replica',
  assignmentPersonId: 'person_id',
  assignmentGroup: 'group_name',
  assignmentActive: 'active',
  unit: 'unit_replica',
  unitId: 'unit_id',
  unitParentId: 'parent_id',
});

/** Role assignments replicated from isms-service: applying their events, and resolving a caller's access (one query). */
export class RoleAssignmentReplicaService {
  constructor(private readonly deps: { logger: Logger }) {}

  /** Applies an assignment's full state; an older event than the row is ignored. Returns whether the row changed. */
  async apply(manager: EntityManager, event: Envelope<EventData<typeof RoleAssignmentChanged>>): Promise<boolean> {
    const { data } = event;
    const rows: unknown[] = await manager.query(
      `INSERT INTO role_assignment_replica (organisation_id, assignment_id, person_id, group_name, role, unit_id, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (organisation_id, assignment_id) DO UPDATE
         SET person_id = EXCLUDED.person_id, group_name = EXCLUDED.group_name, role = EXCLUDED.role, unit_id = EXCLUDED.unit_id,
             active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
         WHERE role_assignment_replica.updated_at <= EXCLUDED.updated_at
       RETURNING assignment_id`,
      [event.organisationId, data.id, data.personId, data.group, data.role, data.unitId, data.active, event.occurredAt],
    );
    if (rows.length === 0) this.deps.logger.info({ assignmentId: data.id, eventId: event.id }, 'older role assignment event ignored');
    return rows.length > 0;
  }

  access(manager: Pick<EntityManager, 'query'>, claims: Claims): Promise<Access> {
    return resolveAccess(manager, REPLICA_ACCESS_SQL, claims);
  }
}
