import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
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
  @Query(() => [SoaEntryType], { description: 'The Statement of Applicability: all 93 Annex A controls in catalogue order.' })
  async statementOfApplicability(@Ctx() context: RequestContext): Promise<SoaEntryType[]> {
    return toStatementOfApplicability(await this.service.list(context.claims.organisationId));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => SoaEntryType, { description: 'Includes a control (with a reason) or excludes it (with a justification).' })
  async setControlApplicability(@Arg('input') input: SetControlApplicabilityInput, @Ctx() context: RequestContext): Promise<SoaEntryType> {
    return toStoredSoaEntryType(await this.service.setApplicability(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => SoaEntryType, { description: 'Sets implementation status, owners, policies and evidence of an entry, with the reason for the change.' })
  async updateSoaEntry(@Arg('input') input: UpdateSoaEntryInput, @Ctx() context: RequestContext): Promise<SoaEntryType> {
    return toStoredSoaEntryType(await this.service.updateDetails(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => SoaCarryOverResultType, {
    description: 'Carries a 2013 SoA over to the 2022 controls through the 2013 -> 2022 mapping: proposes, or with `apply` writes, the entries; reports conflicts.',
  })
  async carryOverSoa2013(@Arg('input') input: CarryOverSoa2013Input, @Ctx() context: RequestContext): Promise<SoaCarryOverResultType> {
    const { plan, applied } = await this.service.carryOver2013(input, eventContext(context));
    return toCarryOverResultType(plan, applied);
  }

  @FieldResolver(() => [PolicyType], { description: 'Published policies that name this control (kept current from the policies themselves).' })
  async coveringPolicies(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    return (await publishedPoliciesByControlLoader(context, this.deps).load(entry.control.id)).map(toPolicyType);
  }

  @FieldResolver(() => [RiskRefType], {
    nullable: 'items',
    description:
      'The risks of `riskIds`, in that order, for their titles. A risk risk-service no longer knows comes back as null in its place (its id stays in `riskIds`), so one such risk never hides the others.',
  })
  risks(@Root() entry: SoaEntryType): RiskRefType[] {
    return entry.riskIds.map(riskRef);
  }

  @FieldResolver(() => [PolicyType], { description: 'The policies of `policyIds`, in that order (an id that names no policy of the organisation is left out).' })
  async policies(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    const policies = await policyLoader(this.deps, context).loadMany(entry.policyIds);
    return policies.flatMap((policy) => (policy && !(policy instanceof Error) ? [toPolicyType(policy)] : []));
  }

  @FieldResolver(() => [EvidenceItemRefType], {
    nullable: 'items',
    description:
      'The evidence items of `evidenceIds`, in that order, for their titles and status. An item evidence-service does not know comes back as null in its place (its id stays in `evidenceIds`).',
  })
  evidence(@Root() entry: SoaEntryType): EvidenceItemRefType[] {
    return entry.evidenceIds.map(evidenceItemRef);
  }

  @FieldResolver(() => PersonRefType, { nullable: true, description: 'The lead owner (the first of `owners`).' })
  async owner(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PersonRefType | null> {
    return personRef((await knownPersonIds(context, this.deps, entry.ownerIds))[0] ?? null);
  }

  @FieldResolver(() => [PersonRefType], {
    description:
      'The accountable people, lead owner first. An id that names no person isms-service has told controls-service about (stored before owners were checked) is left out, so it never hides the entry.',
  })
  async owners(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<PersonRefType[]> {
    return (await knownPersonIds(context, this.deps, entry.ownerIds)).map((id) => Object.assign(new PersonRefType(), { id }));
  }

  @FieldResolver(() => ControlOperatingStatusType, { description: 'Whether the control operates now (live, also on published versions).' })
  async operatingStatus(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<ControlOperatingStatusType> {
    return toOperatingStatusType(await operatingStatusLoader(context, this.deps).load(entry.control.id));
  }

  @FieldResolver(() => [ControlImplementationType], { description: 'How the control is implemented per unit (live).' })
  async implementations(@Root() entry: SoaEntryType, @Ctx() context: RequestContext): Promise<ControlImplementationType[]> {
    return (await implementationsLoader(context, this.deps).load(entry.control.id)).map(toControlImplementationType);
  }
}
