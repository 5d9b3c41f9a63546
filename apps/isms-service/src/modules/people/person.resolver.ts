import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ALL_ROLES, AUDIT_READERS, PROGRAMME_MANAGERS, scopeFilter, ScopeRule } from '@iso27001/authz';
import { eventContext, InternalOnly, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toOrgUnitType } from '../org-units/org-unit.mapper';
import { orgUnitLoader } from '../org-units/org-unit.reference';
import { OrgUnitType } from '../org-units/org-unit.type';
import { IdArgs } from '../shared/id.args';
import { CreatePersonInput, PeopleArgs, UpdatePersonInput } from './person.input';
import { toPersonType } from './person.mapper';
import { personLoader } from './person.reference';
import { PersonService } from './person.service';
import { PersonConnectionType, PersonType } from './person.type';

@Resolver(() => PersonType)
export class PersonResolver {
  private readonly service: PersonService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new PersonService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, 'organisation-wide roles get everyone; others the people of their units (sub-units included) and themselves')
  @Query(() => PersonConnectionType, { description: 'People of the organisation, by name, a page at a time; filter by unit (with sub-units), active, search.' })
  async people(@Args() args: PeopleArgs, @Ctx() context: RequestContext): Promise<PersonConnectionType> {
    const page = await this.service.page(context.claims.organisationId, args, scopeFilter(context.access));
    return { totalCount: page.totalCount, nodes: page.nodes.map(toPersonType) };
  }

  @Authorized(ALL_ROLES)
  @Scoped(ScopeRule.Caller, "the caller's own person record")
  @Query(() => PersonType, {
    nullable: true,
    description: 'The person record of whoever is signed in (matched by e-mail); null for someone outside the organisation register, such as an external auditor.',
  })
  async me(@Ctx() context: RequestContext): Promise<PersonType | null> {
    const person = await this.service.byEmail(context.claims.organisationId, context.claims.email);
    return person ? toPersonType(person) : null;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the organisation register')
  @Mutation(() => PersonType)
  async createPerson(@Arg('input') input: CreatePersonInput, @Ctx() context: RequestContext): Promise<PersonType> {
    return toPersonType(await this.service.create(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the organisation register')
  @Mutation(() => PersonType, { description: 'Changes a person: e-mail, name, unit (a move), manager (no reporting cycles), job role, external id.' })
  async updatePerson(@Arg('input') input: UpdatePersonInput, @Ctx() context: RequestContext): Promise<PersonType> {
    return toPersonType(await this.service.update(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the organisation register')
  @Mutation(() => PersonType, { description: 'Marks a leaver inactive; their history stays.' })
  async deactivatePerson(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<PersonType> {
    return toPersonType(await this.service.deactivate(id, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the organisation register')
  @Mutation(() => PersonType)
  async reactivatePerson(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<PersonType> {
    return toPersonType(await this.service.reactivate(id, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, "the person's unit and manager (names)")
  @FieldResolver(() => OrgUnitType, { nullable: true })
  async unit(@Root() person: PersonType, @Ctx() context: RequestContext): Promise<OrgUnitType | null> {
    if (!person.unitId) return null;
    const unit = await orgUnitLoader(this.deps, context).load(person.unitId);
    return unit ? toOrgUnitType(unit) : null;
  }

  @Scoped(ScopeRule.Parent, "the person's unit and manager (names)")
  @InternalOnly('reporting lines are HR data')
  @FieldResolver(() => PersonType, { nullable: true })
  async manager(@Root() person: PersonType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!person.managerId) return null;
    const found = await personLoader(this.deps, context).load(person.managerId);
    return found ? toPersonType(found) : null;
  }
}
