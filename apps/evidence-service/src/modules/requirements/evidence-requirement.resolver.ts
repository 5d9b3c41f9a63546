import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { AddEvidenceRequirementInput, ChangeEvidenceRequirementInput, EvidenceRequirementsArgs } from './evidence-requirement.input';
import { toEvidenceRequirementType } from './evidence-requirement.mapper';
import { EvidenceRequirementService } from './evidence-requirement.service';
import { EvidenceRequirementType } from './evidence-requirement.type';

const ORGANISATION_RULE = "the organisation's requirement set, the same for every permitted caller";

@Resolver(() => EvidenceRequirementType)
export class EvidenceRequirementResolver {
  private readonly service: EvidenceRequirementService;

  constructor(deps: ServiceDeps) {
    this.service = new EvidenceRequirementService(deps);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, ORGANISATION_RULE)
  @Query(() => [EvidenceRequirementType], { description: 'What evidence each control needs and how often (the default set until the organisation edits it), by control.' })
  async evidenceRequirements(@Args() args: EvidenceRequirementsArgs, @Ctx() context: RequestContext): Promise<EvidenceRequirementType[]> {
    return (await this.service.list(context.claims.organisationId, args)).map(toEvidenceRequirementType);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, ORGANISATION_RULE)
  @Query(() => EvidenceRequirementType, { nullable: true })
  async evidenceRequirement(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EvidenceRequirementType | null> {
    const requirement = await this.service.one(context.claims.organisationId, id);
    return requirement ? toEvidenceRequirementType(requirement) : null;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers edit the organisation-wide set; requests open in every department where the control is applicable and implemented')
  @Mutation(() => EvidenceRequirementType, { description: 'Adds a requirement to a control; its requests open where the control is applicable and implemented.' })
  async addEvidenceRequirement(@Arg('input') input: AddEvidenceRequirementInput, @Ctx() context: RequestContext): Promise<EvidenceRequirementType> {
    return toEvidenceRequirementType(await this.service.add(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers edit the organisation-wide set')
  @Mutation(() => EvidenceRequirementType, { description: 'Changes the wording or frequency of a requirement (a new frequency applies to requests opened from now on).' })
  async changeEvidenceRequirement(@Arg('input') input: ChangeEvidenceRequirementInput, @Ctx() context: RequestContext): Promise<EvidenceRequirementType> {
    return toEvidenceRequirementType(await this.service.change(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers edit the organisation-wide set; open requests of the requirement are cancelled in every department')
  @Mutation(() => EvidenceRequirementType, { description: 'Retires a requirement: it opens no more requests and its open requests are cancelled.' })
  async retireEvidenceRequirement(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EvidenceRequirementType> {
    return toEvidenceRequirementType(await this.service.retire(id, context.claims, eventContext(context)));
  }
}
