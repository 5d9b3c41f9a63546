import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, PUBLICATION_APPROVERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { PublishMethodologyInput } from './methodology.input';
import { toMethodologyDraftType, toMethodologyType } from './methodology.mapper';
import { MethodologyService } from './methodology.service';
import { MethodologyDraftStatusType, MethodologyDraftType, MethodologyType } from './methodology.type';

@Resolver(() => MethodologyType)
export class MethodologyResolver {
  private readonly service: MethodologyService;

  constructor(deps: ServiceDeps) {
    this.service = new MethodologyService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's methodology (scales, levels, appetite): the same for every reader")
  @Query(() => MethodologyType, { nullable: true, description: 'A version of the risk methodology; the current one when no version is given.' })
  async riskMethodology(@Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() context: RequestContext): Promise<MethodologyType | null> {
    if (version == null) return toMethodologyType((await this.service.currentForRead(context.claims.organisationId)).entity);
    const entity = await this.service.entityByVersion(context.claims.organisationId, version);
    return entity ? toMethodologyType(entity) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'every published version of the methodology: the same for every reader')
  @Query(() => [MethodologyType], { description: 'Every published version, newest first.' })
  async riskMethodologyVersions(@Ctx() context: RequestContext): Promise<MethodologyType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toMethodologyType);
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, 'methodology drafts are organisation data: programme managers and top management, who submit and approve them')
  @Query(() => [MethodologyDraftType], { description: 'Methodology drafts, newest first; the one SUBMITTED awaits approval.' })
  async riskMethodologyDrafts(
    @Arg('status', () => MethodologyDraftStatusType, { nullable: true }) status: MethodologyDraftStatusType | null,
    @Ctx() context: RequestContext,
  ): Promise<MethodologyDraftType[]> {
    return (await this.service.drafts(context.claims.organisationId, status)).map(toMethodologyDraftType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the methodology and appetite are organisation data: programme managers submit; nothing is published until someone else approves')
  @Mutation(() => MethodologyDraftType, { description: 'Submits a new version of the methodology for approval; one draft awaits approval at a time.' })
  async submitRiskMethodology(@Arg('input') input: PublishMethodologyInput, @Ctx() context: RequestContext): Promise<MethodologyDraftType> {
    return toMethodologyDraftType(await this.service.submit(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'a submitted draft of the organisation: the reviser becomes a contributor and may no longer approve it')
  @Mutation(() => MethodologyDraftType, { description: 'Replaces the content of the draft awaiting approval.' })
  async reviseRiskMethodologyDraft(@Arg('id', () => ID) id: string, @Arg('input') input: PublishMethodologyInput, @Ctx() context: RequestContext): Promise<MethodologyDraftType> {
    return toMethodologyDraftType(await this.service.revise(id, input, context.claims, eventContext(context)));
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, 'a submitted draft of the organisation, never by its submitter or a contributor (SELF_APPROVAL)')
  @Mutation(() => MethodologyType, { description: 'Approves the submitted draft and publishes it as the next version. Existing assessments keep their version.' })
  async approveRiskMethodology(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<MethodologyType> {
    return toMethodologyType((await this.service.approve(id, context.claims, eventContext(context))).published);
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, 'a submitted draft of the organisation; its submitter may withdraw it this way')
  @Mutation(() => MethodologyDraftType, { description: 'Rejects the submitted draft with a reason; nothing is published.' })
  async rejectRiskMethodology(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() context: RequestContext): Promise<MethodologyDraftType> {
    return toMethodologyDraftType(await this.service.reject(id, reason, context.claims, eventContext(context)));
  }
}
