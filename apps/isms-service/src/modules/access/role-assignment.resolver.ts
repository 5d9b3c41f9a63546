import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ALL_ROLES, ROLE_ADMINISTRATORS, ROLE_ASSIGNMENT_READERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toOrgUnitType } from '../org-units/org-unit.mapper';
import { orgUnitLoader } from '../org-units/org-unit.reference';
import { OrgUnitType } from '../org-units/org-unit.type';
import { toPersonType } from '../people/person.mapper';
import { personLoader } from '../people/person.reference';
import { PersonType } from '../people/person.type';
import { IdArgs } from '../shared/id.args';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { AssignRoleInput, RoleAssignmentsArgs } from './role-assignment.input';
import { Actor, RoleAssignmentService } from './role-assignment.service';
import { MyAccessType, PlatformRoleType, RoleAssignmentConnectionType, RoleAssignmentType } from './role-assignment.type';

function toType(entity: RoleAssignmentEntity): RoleAssignmentType {
  return Object.assign(new RoleAssignmentType(), {
    id: entity.id,
    personId: entity.personId,
    group: entity.group,
    role: entity.role as PlatformRoleType,
    unitId: entity.unitId,
    active: entity.active,
    grantedBy: entity.grantedByName,
    grantedAt: entity.grantedAt,
    revokedBy: entity.revokedByName,
    revokedAt: entity.revokedAt,
  });
}

function actorOf(context: RequestContext): Actor {
  return { sub: context.claims.sub, name: context.claims.name, personId: context.access.personId };
}

@Resolver(() => RoleAssignmentType)
export class RoleAssignmentResolver {
  private readonly service: RoleAssignmentService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new RoleAssignmentService(deps);
  }

  @Authorized(ROLE_ASSIGNMENT_READERS)
  @Scoped(ScopeRule.Organisation, 'who holds which role over which unit: every permitted reader sees all assignments')
  @Query(() => RoleAssignmentConnectionType, { description: 'Who holds which role over which unit, newest first; filter by person, unit, group, role; revoked ones on request.' })
  async roleAssignments(@Args() args: RoleAssignmentsArgs, @Ctx() context: RequestContext): Promise<RoleAssignmentConnectionType> {
    const page = await this.service.page(context.claims.organisationId, args);
    return { totalCount: page.totalCount, nodes: page.nodes.map(toType) };
  }

  @Authorized(ALL_ROLES)
  @Scoped(ScopeRule.Caller, "the caller's own roles and units")
  @Query(() => MyAccessType, { description: "The signed-in caller's roles and the units they reach, as every service resolves them." })
  async myAccess(@Ctx() context: RequestContext): Promise<MyAccessType> {
    const { access, claims } = context;
    // The roots: the units of the caller's own and their groups' active assignments (sub-units are in unitCount).
    const rows: { unit_id: string }[] = await this.deps.dataSource.query(
      `SELECT DISTINCT unit_id FROM role_assignment
       WHERE organisation_id = $1 AND active AND (person_id = $2 OR group_name = ANY($3::text[]))`,
      [claims.organisationId, access.personId, claims.groups],
    );
    const units = (await orgUnitLoader(this.deps, context).loadMany(rows.map((row) => row.unit_id)))
      .flatMap((unit) => (unit && !(unit instanceof Error) ? [toOrgUnitType(unit)] : []))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      roles: access.roles.map((role) => role as unknown as PlatformRoleType),
      organisationWide: access.organisationWide,
      units,
      unitCount: access.unitIds.length,
    };
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, 'administrators manage every assignment; nobody assigns a role to themselves')
  @Mutation(() => RoleAssignmentType, { description: 'Gives a unit-scoped role (risk owner, control owner) over a unit and its sub-units to a person or a group.' })
  async assignRole(@Arg('input') input: AssignRoleInput, @Ctx() context: RequestContext): Promise<RoleAssignmentType> {
    return toType(await this.service.assign(input, actorOf(context), eventContext(context)));
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, 'administrators revoke any assignment')
  @Mutation(() => RoleAssignmentType, { description: 'Revokes a role assignment; it counts no more from the next request, and stays in the history.' })
  async revokeRoleAssignment(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<RoleAssignmentType> {
    return toType(await this.service.revoke(id, actorOf(context), eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, "the assignment's person (name)")
  @FieldResolver(() => PersonType, { nullable: true })
  async person(@Root() assignment: RoleAssignmentType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!assignment.personId) return null;
    const person = await personLoader(this.deps, context).load(assignment.personId);
    return person ? toPersonType(person) : null;
  }

  @Scoped(ScopeRule.Parent, "the assignment's unit (name)")
  @FieldResolver(() => OrgUnitType, { nullable: true })
  async unit(@Root() assignment: RoleAssignmentType, @Ctx() context: RequestContext): Promise<OrgUnitType | null> {
    const unit = await orgUnitLoader(this.deps, context).load(assignment.unitId);
    return unit ? toOrgUnitType(unit) : null;
  }
}
