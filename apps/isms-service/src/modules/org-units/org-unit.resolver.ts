import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, scopeFilter, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { IdArgs } from '../shared/id.args';
import { CreateOrgUnitInput, MoveOrgUnitInput, OrgUnitsArgs, UpdateOrgUnitInput } from './org-unit.input';
import { toOrgUnitType } from './org-unit.mapper';
import { orgUnitLoader } from './org-unit.reference';
import { OrgUnitService } from './org-unit.service';
import { OrgUnitType } from './org-unit.type';

@Resolver(() => OrgUnitType)
export class OrgUnitResolver {
  private readonly units: OrgUnitService;

  constructor(private readonly deps: ServiceDeps) {
    this.units = new OrgUnitService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, 'organisation-wide roles get every unit; others the units they reach (sub-units included)')
  @Query(() => [OrgUnitType], { description: 'All organisation units (business units, departments, teams).' })
  async orgUnits(@Args() args: OrgUnitsArgs, @Ctx() context: RequestContext): Promise<OrgUnitType[]> {
    return (await this.units.list(context.claims.organisationId, args, scopeFilter(context.access)?.unitIds ?? null)).map(toOrgUnitType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the unit hierarchy')
  @Mutation(() => OrgUnitType)
  async createOrgUnit(@Arg('input') input: CreateOrgUnitInput, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.create(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the unit hierarchy')
  @Mutation(() => OrgUnitType, { description: "Renames a unit, changes its kind or its external id." })
  async updateOrgUnit(@Arg('input') input: UpdateOrgUnitInput, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.update(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the unit hierarchy')
  @Mutation(() => OrgUnitType, { description: 'Moves a unit (with its sub-units) under another parent; refuses moves that would make a cycle.' })
  async moveOrgUnit(@Arg('input') input: MoveOrgUnitInput, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.move(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the unit hierarchy')
  @Mutation(() => OrgUnitType, { description: 'Deactivates a unit that has no active sub-units and no active people.' })
  async deactivateOrgUnit(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.deactivate(id, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the unit hierarchy')
  @Mutation(() => OrgUnitType, { description: 'Reactivates a deactivated unit (its parent must be active).' })
  async reactivateOrgUnit(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.reactivate(id, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, "the unit's parent (name)")
  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'The unit above this one (null for a top-level unit).' })
  async parent(@Root() unit: OrgUnitType, @Ctx() context: RequestContext): Promise<OrgUnitType | null> {
    if (!unit.parentId) return null;
    const parent = await orgUnitLoader(this.deps, context).load(unit.parentId);
    return parent ? toOrgUnitType(parent) : null;
  }
}
