import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule, TOP_MANAGEMENT } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toOrgUnitType } from '../org-units/org-unit.mapper';
import { orgUnitLoader } from '../org-units/org-unit.reference';
import { OrgUnitType } from '../org-units/org-unit.type';
import { toPersonType } from '../people/person.mapper';
import { personLoader } from '../people/person.reference';
import { PersonType } from '../people/person.type';
import { IdArgs } from '../shared/id.args';
import { scopeErrors } from './scope.errors';
import { UpdateIsmsScopeDraftInput } from './scope.input';
import { toScopeVersionType } from './scope.mapper';
import { ScopeService } from './scope.service';
import { ScopeVersionType } from './scope.type';

/** Who may send a submitted scope back to draft: top management, and the programme managers who submitted it. */
const SCOPE_RETURNERS = [...new Set([...TOP_MANAGEMENT, ...PROGRAMME_MANAGERS])];

@Resolver(() => ScopeVersionType)
export class ScopeResolver {
  private readonly service: ScopeService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new ScopeService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the ISMS scope statement (clause 4.3) is organisation data')
  @Query(() => ScopeVersionType, { nullable: true, description: 'The approved ISMS scope in force, if any.' })
  async currentIsmsScope(@Ctx() context: RequestContext): Promise<ScopeVersionType | null> {
    const scope = await this.service.current(context.claims.organisationId);
    return scope ? toScopeVersionType(scope) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the ISMS scope statement (clause 4.3) is organisation data')
  @Query(() => [ScopeVersionType], { description: 'Every version of the scope statement, newest first.' })
  async ismsScopeVersions(@Ctx() context: RequestContext): Promise<ScopeVersionType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toScopeVersionType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the ISMS scope statement (clause 4.3) is organisation data')
  @Query(() => ScopeVersionType)
  async ismsScopeVersion(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<ScopeVersionType> {
    const scope = await this.service.get(context.claims.organisationId, id);
    if (!scope) throw scopeErrors.raise('SCOPE_NOT_FOUND', `scope version ${id} does not exist`);
    return toScopeVersionType(scope);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers draft and submit; top management approves; nobody approves what they drafted, edited or submitted')
  @Mutation(() => ScopeVersionType, { description: 'Starts a new draft version from the approved one (or the latest).' })
  async createIsmsScopeDraft(@Ctx() context: RequestContext): Promise<ScopeVersionType> {
    return toScopeVersionType(await this.service.createDraft(eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers draft and submit; top management approves; nobody approves what they drafted, edited or submitted')
  @Mutation(() => ScopeVersionType)
  async updateIsmsScopeDraft(@Arg('input') input: UpdateIsmsScopeDraftInput, @Ctx() context: RequestContext): Promise<ScopeVersionType> {
    return toScopeVersionType(await this.service.updateDraft(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers draft and submit; top management approves; nobody approves what they drafted, edited or submitted')
  @Mutation(() => ScopeVersionType, { description: 'Sends a complete draft (statement and in-scope units) to top management for approval; it is locked while it waits.' })
  async submitIsmsScopeForApproval(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<ScopeVersionType> {
    const { sub, name, email } = context.claims;
    return toScopeVersionType(await this.service.submit(id, { sub, name, email }, eventContext(context)));
  }

  @Authorized(SCOPE_RETURNERS)
  @Scoped(ScopeRule.Organisation, 'programme managers draft and submit; top management approves; nobody approves what they drafted, edited or submitted')
  @Mutation(() => ScopeVersionType, { description: 'Returns a version waiting for approval to draft, with the reason (top management sends it back; the programme manager withdraws it).' })
  async returnIsmsScopeToDraft(@Args() { id }: IdArgs, @Arg('comment', { description: 'Why it goes back: what to change.' }) comment: string, @Ctx() context: RequestContext): Promise<ScopeVersionType> {
    return toScopeVersionType(await this.service.returnToDraft(id, comment, eventContext(context)));
  }

  @Authorized(TOP_MANAGEMENT)
  @Scoped(ScopeRule.Organisation, 'programme managers draft and submit; top management approves; nobody approves what they drafted, edited or submitted')
  @Mutation(() => ScopeVersionType, {
    description: 'Top management (executive or admin) approves a submitted version, unless they drafted, edited or submitted it; the previously approved version is superseded.',
  })
  async approveIsmsScope(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<ScopeVersionType> {
    const { sub, name, email } = context.claims;
    return toScopeVersionType(await this.service.approve(id, { sub, name, email }, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, 'units and approver (names) of a scope version the caller may read')
  @FieldResolver(() => [OrgUnitType])
  async inScopeUnits(@Root() scope: ScopeVersionType, @Ctx() context: RequestContext): Promise<OrgUnitType[]> {
    const units = await orgUnitLoader(this.deps, context).loadMany(scope.inScopeUnitIds);
    return units.flatMap((unit) => (unit && !(unit instanceof Error) ? [toOrgUnitType(unit)] : []));
  }

  @Scoped(ScopeRule.Parent, 'units and approver (names) of a scope version the caller may read')
  @FieldResolver(() => PersonType, { nullable: true })
  async approvedByPerson(@Root() scope: ScopeVersionType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!scope.approvedByPersonId) return null;
    const person = await personLoader(this.deps, context).load(scope.approvedByPersonId);
    return person ? toPersonType(person) : null;
  }
}
