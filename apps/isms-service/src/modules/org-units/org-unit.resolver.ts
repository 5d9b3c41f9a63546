import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { CreateOrgUnitInput } from './org-unit.input';
import { toOrgUnitType } from './org-unit.mapper';
import { OrgUnitService } from './org-unit.service';
import { OrgUnitType } from './org-unit.type';

@Resolver(() => OrgUnitType)
export class OrgUnitResolver {
  private readonly units: OrgUnitService;

  constructor(deps: ServiceDeps) {
    this.units = new OrgUnitService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => [OrgUnitType], { description: 'All organisation units (business units, departments, teams).' })
  async orgUnits(@Ctx() context: RequestContext): Promise<OrgUnitType[]> {
    return (await this.units.list(context.claims.organisationId)).map(toOrgUnitType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => OrgUnitType)
  async createOrgUnit(@Arg('input') input: CreateOrgUnitInput, @Ctx() context: RequestContext): Promise<OrgUnitType> {
    return toOrgUnitType(await this.units.create(input, eventContext(context)));
  }
}
