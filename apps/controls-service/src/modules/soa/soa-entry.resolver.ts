import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { knownPersonIds } from '../people/person.loaders';
import { personRef, PersonRefType } from '../people/person.type';
import { publishedPoliciesByControlLoader } from '../policies/policy.loaders';
import { toPolicyType } from '../policies/policy.mapper';
import { policyLoader } from '../policies/policy.reference';
import { PolicyType } from '../policies/policy.type';
import { ControlImplementationType, ControlOperatingStatusType } from '../implementation/control-implementation.type';
import { implementationsLoader, operatingStatusLoader } from '../implementation/control-implementation.loaders';
import { toControlImplementationType, toOperatingStatusType } from '../implementation/control-implementation.mapper';
import { CarryOverSoa2013Input, SetControlApplicabilityInput, UpdateSoaEntryInput } from './soa-entry.input';
import { toCarryOverResultType } from './soa-version.mapper';
import { SoaCarryOverResultType } from './soa-version.type';
import { toStatementOfApplicability, toStoredSoaEntryType } from './soa-entry.mapper';
import { SoaEntryService } from './soa-entry.service';
import { SoaEntryType } from './soa-entry.type';
import { evidenceItemRef, EvidenceItemRefType } from './evidence-item.type';
import { riskRef, RiskRefType } from './risk.type';

@Resolver(() => SoaEntryType)
export class SoaEntryResolver {
  private readonly service: SoaEntryService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new SoaEntryService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Organisation,
    "the organisation's decisions on the 93 controls (applicability, justifications, status): the same for every reader; implementations beneath are filtered to the caller's units",
  )
  @Query(() => [SoaEntryType], { description: 'The Statement of Applicability: all 93 Annex A controls in catalogue order.' })
  async statementOfApplicability(@Ctx() context: RequestContext): Promise<SoaEntryType[]> {
    return toStatementOfApplicability(await this.service.list(context.claims.organisationId));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'an organisation-level decision, by programme managers (organisation-wide) only')
  @Mutation(() => SoaEntryType, { description: 'Includes a control (with a reason) or excludes it (with a justification).' })
  async setControlApplicability(@Arg('input') input: SetControlApplicabilityInput, @Ctx() context: RequestContext): Promise<SoaEntryType> {
    return toStoredSoaEntryType(await this.service.setApplicability(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'an organisation-level entry, by programme managers (organisation-wide) only')
  @Mutation(() => SoaEntryType, { description: 'Sets implementation status, owners, policies and evidence of an entry, with the reason for the change.' })
  async updateSoaEntry(@Arg('input') input: UpdateSoaEntryInput, @Ctx() context: RequestContext): Promise<SoaEntryType> {
    return toStoredSoaEntryType(await this.service.updateDetails(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the whole SoA, by programme managers (organisation-wide) only')
  @Mutation(() => SoaCarryOverResultType, {
    description: 'Carries a 2013 SoA over to the 2022 controls through the 2013 -> 2022 mapping: proposes, or with `apply` writes, the entries; reports conflicts.',
  })
  async carryOverSoa2013(@Arg('input') input: CarryOverSoa2013Input, @Ctx() context: RequestContext): Promise<SoaCarryOverResultType> {
    const { plan, applied } = await this.service.carryOver2013(input, eventContext(context));
    return toCarryOverResultType(plan, applied);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'published policies naming the control: organisation documents every SoA reader reads')
  @FieldResolver(() => [PolicyType], { description: 'Published policies that name this control (kept current from the policies themselves).' })
  async coveringPolicies(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    return (await publishedPoliciesByControlLoader(context, this.deps).load(entry.control.id)).map(toPolicyType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, "stubs of the entry's risk ids; risk-service's reference decides which risks the caller reads (null in their place otherwise)")
  @FieldResolver(() => [RiskRefType], {
    nullable: 'items',
    description:
      'The risks of `riskIds`, in that order, for their titles. A risk risk-service no longer knows comes back as null in its place (its id stays in `riskIds`), so one such risk never hides the others.',
  })
  risks(@Root() entry: SoaEntryType): RiskRefType[] {
    return entry.riskIds.map(riskRef);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the policies the entry names: organisation documents every SoA reader reads')
  @FieldResolver(() => [PolicyType], { description: 'The policies of `policyIds`, in that order (an id that names no policy of the organisation is left out).' })
  async policies(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    const policies = await policyLoader(this.deps, context).loadMany(entry.policyIds);
    return policies.flatMap((policy) => (policy && !(policy instanceof Error) ? [toPolicyType(policy)] : []));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, "stubs of the entry's evidence ids; evidence-service's reference decides which items the caller reads (null in their place otherwise)")
  @FieldResolver(() => [EvidenceItemRefType], {
    nullable: 'items',
    description:
      'The evidence items of `evidenceIds`, in that order, for their titles and status. An item evidence-service does not know comes back as null in its place (its id stays in `evidenceIds`).',
  })
  evidence(@Root() entry: SoaEntryType): EvidenceItemRefType[] {
    return entry.evidenceIds.map(evidenceItemRef);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, "the entry's lead owner (a person stub isms-service names)")
  @FieldResolver(() => PersonRefType, { nullable: true, description: 'The lead owner (the first of `owners`).' })
  async owner(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PersonRefType | null> {
    return personRef((await knownPersonIds(context, this.deps, entry.ownerIds))[0] ?? null);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, "the entry's owners (person stubs isms-service names)")
  @FieldResolver(() => [PersonRefType], {
    description:
      'The accountable people, lead owner first. An id that names no person isms-service has told controls-service about (stored before owners were checked) is left out, so it never hides the entry.',
  })
  async owners(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PersonRefType[]> {
    return (await knownPersonIds(context, this.deps, entry.ownerIds)).map((id) => Object.assign(new PersonRefType(), { id }));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'one status per control for the whole organisation (evidence and findings carry no unit in this service yet)')
  @FieldResolver(() => ControlOperatingStatusType, { description: 'Whether the control operates now (live, also on published versions).' })
  async operatingStatus(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<ControlOperatingStatusType> {
    return toOperatingStatusType(await operatingStatusLoader(context, this.deps).load(entry.control.id));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "the control's implementations in the caller's units and those they own, as Query.controlImplementations")
  @FieldResolver(() => [ControlImplementationType], { description: "How the control is implemented per unit (live), within the caller's units." })
  async implementations(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<ControlImplementationType[]> {
    return (await implementationsLoader(context, this.deps).load(entry.control.id)).map(toControlImplementationType);
  }
}
