import { EntityManager } from 'typeorm';
import { Access, ASSIGNABLE_ROLES, Claims, Role } from '@iso27001/authz';
import { RoleAssignmentChanged } from '@iso27001/contracts';
import { accessQuery, resolveAccess } from '@iso27001/org-replica';
import { AccessResolver, EventContext, ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { PersonEntity } from '../people/person.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { roleAssignmentErrors } from './role-assignment.errors';
import { AssignRoleInput, RoleAssignmentsArgs } from './role-assignment.input';

/** The full state every service's replica keeps (isms.role-assignment.changed). */
export function toRoleAssignmentEventData(entity: RoleAssignmentEntity) {
  return { id: entity.id, personId: entity.personId, group: entity.group, role: entity.role, unitId: entity.unitId, active: entity.active };
}

/** The same access statement the replicas run, over isms-service's own tables (it owns people, units and assignments). */
const OWN_ACCESS_SQL = accessQuery({
  person: 'person',
  personId: 'id',
  assignment: 'role_assignment',
  assignmentPersonId: 'person_id',
  assignmentGroup: 'group_name',
  assignmentActive: 'active',
  unit: 'org_unit',
  unitId: 'id',
  unitParentId: 'parent_id',
});

export function ismsAccess(deps: ServiceDeps): AccessResolver {
  return { resolve: (claims: Claims): Promise<Access> => resolveAccess(deps.dataSource, OWN_ACCESS_SQL, claims) };
}

export interface Actor {
  sub: string;
  name: string;
  personId: string | null;
}

/** Role assignments per person or group, role and unit subtree, managed by administrators. */
export class RoleAssignmentService {
  constructor(private readonly deps: ServiceDeps) {}

  async page(organisationId: string, args: RoleAssignmentsArgs): Promise<{ totalCount: number; nodes: RoleAssignmentEntity[] }> {
    const query = this.deps.dataSource.getRepository(RoleAssignmentEntity).createQueryBuilder('a').where('a.organisation_id = :organisationId', { organisationId });
    if (args.personId) query.andWhere('a.person_id = :personId', { personId: args.personId });
    if (args.unitId) query.andWhere('a.unit_id = :unitId', { unitId: args.unitId });
    if (args.group) query.andWhere('a.group_name = :group', { group: args.group });
    if (args.role) query.andWhere('a.role = :role', { role: args.role });
    if (!args.includeRevoked) query.andWhere('a.active');
    const [nodes, totalCount] = await query.orderBy('a.granted_at', 'DESC').addOrderBy('a.id', 'ASC').skip(args.offset).take(args.first).getManyAndCount();
    return { totalCount, nodes };
  }

  async assign(input: AssignRoleInput, actor: Actor, context: EventContext): Promise<RoleAssignmentEntity> {
    const personId = input.personId?.toLowerCase() ?? null;
    const group = input.group?.trim() || null;
    if ((personId === null) === (group === null)) {
      throw roleAssignmentErrors.raise('ASSIGNMENT_SUBJECT_REQUIRED', 'give the role to exactly one of a person (personId) or an identity-provider group (group)', {
        field: personId ? 'group' : 'personId',
      });
    }
    const role = input.role as unknown as Role;
    if (!ASSIGNABLE_ROLES.includes(role)) {
      throw roleAssignmentErrors.raise(
        'ROLE_NOT_ASSIGNABLE',
        `${role} is not assigned per unit: only ${ASSIGNABLE_ROLES.join(' and ')} are; organisation-wide roles come from the identity provider, external auditors from an audit grant`,
        { field: 'role' },
      );
    }
    if (personId && personId === actor.personId) {
      throw roleAssignmentErrors.raise('SELF_ASSIGNMENT', 'nobody gives a role to themselves: another administrator must assign it');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const { organisationId } = context;
      if (personId) {
        const person = await manager.findOneBy(PersonEntity, { id: personId, organisationId });
        if (!person) throw roleAssignmentErrors.raise('ASSIGNEE_NOT_FOUND', `no person ${personId} in your organisation`, { field: 'personId' });
        if (!person.active) throw roleAssignmentErrors.raise('ASSIGNEE_INACTIVE', `${person.name} has left (inactive): reactivate them first`, { field: 'personId' });
      }
      const unit = await manager.findOneBy(OrgUnitEntity, { id: input.unitId, organisationId });
      if (!unit) throw roleAssignmentErrors.raise('ASSIGNMENT_UNIT_NOT_FOUND', `no unit ${input.unitId} in your organisation`, { field: 'unitId' });
      if (!unit.active) throw roleAssignmentErrors.raise('ASSIGNMENT_UNIT_INACTIVE', `unit ${unit.name} is inactive`, { field: 'unitId' });
      // One active assignment per subject, role and unit; the unique index makes it hold under concurrent requests.
      const existing = await manager
        .getRepository(RoleAssignmentEntity)
        .createQueryBuilder('a')
        .where('a.organisation_id = :organisationId AND a.active AND a.role = :role AND a.unit_id = :unitId', { organisationId, role, unitId: unit.id })
        .andWhere(personId ? 'a.person_id = :personId' : 'a.group_name = :group', { personId, group })
        .getOne();
      if (existing) {
        throw roleAssignmentErrors.raise('ALREADY_ASSIGNED', `${personId ? 'this person' : `group ${group}`} already holds ${role} over ${unit.name}`, { assignmentId: existing.id });
      }
      const repository = manager.getRepository(RoleAssignmentEntity);
      const saved = await repository.save(
        repository.create({ organisationId, personId, group, role, unitId: unit.id, active: true, grantedBySub: actor.sub, grantedByName: actor.name }),
      );
      await this.deps.outbox.record(manager, RoleAssignmentChanged, saved.id, toRoleAssignmentEventData(saved), context);
      return saved;
    });
  }

  async revoke(id: string, actor: Actor, context: EventContext): Promise<RoleAssignmentEntity> {
    return this.deps.dataSource.transaction(async (manager: EntityManager) => {
      const assignment = await manager
        .getRepository(RoleAssignmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.organisation_id = :organisationId', { id, organisationId: context.organisationId })
        .getOne();
      if (!assignment) throw roleAssignmentErrors.raise('ASSIGNMENT_NOT_FOUND', `no role assignment ${id} in your organisation`);
      if (!assignment.active) throw roleAssignmentErrors.raise('ASSIGNMENT_REVOKED', `role assignment ${id} was already revoked on ${assignment.revokedAt?.toISOString()}`);
      Object.assign(assignment, { active: false, revokedAt: new Date(), revokedBySub: actor.sub, revokedByName: actor.name });
      const saved = await manager.save(assignment);
      await this.deps.outbox.record(manager, RoleAssignmentChanged, saved.id, toRoleAssignmentEventData(saved), context);
      return saved;
    });
  }
}
