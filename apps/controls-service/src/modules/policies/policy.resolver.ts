import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, hasAnyRole, POLICY_APPROVERS, POLICY_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { annexAControl } from '@iso27001/iso27001';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toControlType } from '../catalogue/control.mapper';
import { ControlType } from '../catalogue/control.type';
import { policyErrors } from './policy.errors';
import { CreatePolicyInput, DraftPolicyVersionInput, PoliciesArgs, PoliciesDueForReviewArgs, PolicyContentInput, PolicyPageArgs, UpdatePolicyInput } from './policy.input';
import { toPolicyFileContentType, toPolicyType, toPolicyVersionType } from './policy.mapper';
import { policyLoader, policyVersionsLoader } from './policy.reference';
import { PolicyService } from './policy.service';
import { PolicyConnectionType, PolicyFileContentType, PolicyType, PolicyVersionType } from './policy.type';

@Resolver(() => PolicyType)
export class PolicyResolver {
  private readonly service: PolicyService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new PolicyService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'policies are organisation documents: the same for every programme reader')
  @Query(() => [PolicyType], { description: 'Policies by title, optionally by state or linked Annex A control.' })
  async policies(@Args() args: PoliciesArgs, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    return (await this.service.list(context.claims.organisationId, args)).map(toPolicyType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'policies are organisation documents: the same for every programme reader, totals included')
  @Query(() => PolicyConnectionType, {
    description: 'Policies a page at a time, by title (then id, so pages never overlap), with the total over all pages; filter by state, linked Annex A control or text in the title.',
  })
  async policyPage(@Args() args: PolicyPageArgs, @Ctx() context: RequestContext): Promise<PolicyConnectionType> {
    const page = await this.service.page(context.claims.organisationId, args);
    return Object.assign(new PolicyConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toPolicyType) });
  }

  @Authorized(POLICY_READERS)
  @Scoped(ScopeRule.Organisation, 'an organisation document; an employee reads only a published one')
  @Query(() => PolicyType, { nullable: true, description: 'One policy; an employee sees only its published version.' })
  async policy(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<PolicyType | null> {
    const policy = await policyLoader(this.deps, context).load(id);
    if (!policy || (!policy.publishedVersionId && !hasAnyRole(context.claims, AUDIT_READERS))) return null;
    return toPolicyType(policy);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'published organisation documents due for review')
  @Query(() => [PolicyType], { description: 'Published policies whose periodic review is overdue or due within `withinDays`, soonest first.' })
  async policiesDueForReview(@Args() args: PoliciesDueForReviewArgs, @Ctx() context: RequestContext): Promise<PolicyType[]> {
    return (await this.service.dueForReview(context.claims.organisationId, args.withinDays)).map(toPolicyType);
  }

  @Authorized(POLICY_READERS)
  @Scoped(ScopeRule.Organisation, "a version's document; an employee reads only a published one")
  @Query(() => PolicyFileContentType, { nullable: true, description: 'The uploaded document of a version (null for a Markdown version).' })
  async policyVersionFile(@Arg('versionId', () => ID) versionId: string, @Ctx() context: RequestContext): Promise<PolicyFileContentType | null> {
    const version = await this.service.versionFile(context.claims.organisationId, versionId);
    if (!hasAnyRole(context.claims, AUDIT_READERS) && version.status !== 'PUBLISHED') {
      throw policyErrors.raise('POLICY_VERSION_NOT_FOUND', `policy version ${versionId} does not exist`);
    }
    return toPolicyFileContentType(version);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyType, { description: 'Creates a policy and its first draft, version 1.0.' })
  async createPolicy(@Arg('input') input: CreatePolicyInput, @Ctx() context: RequestContext): Promise<PolicyType> {
    return toPolicyType(await this.service.create(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyType, { description: 'Changes title, approver role, audience, controls or review interval (from the next publication on).' })
  async updatePolicy(@Arg('id', () => ID) id: string, @Arg('input') input: UpdatePolicyInput, @Ctx() context: RequestContext): Promise<PolicyType> {
    return toPolicyType(await this.service.update(id, input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyVersionType, { description: 'Starts the next version (MAJOR or MINOR) as a draft.' })
  async draftPolicyVersion(@Arg('input') input: DraftPolicyVersionInput, @Ctx() context: RequestContext): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.draftVersion(input, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyVersionType, { description: 'Replaces the content of a draft (not of a version waiting for approval: return it to draft first).' })
  async revisePolicyDraft(
    @Arg('versionId', () => ID) versionId: string,
    @Arg('content') content: PolicyContentInput,
    @Ctx() context: RequestContext,
  ): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.reviseDraft(versionId, content, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyVersionType, {
    description: "Sends a complete draft (Markdown text or a file) to the policy's approver role; it is locked (no revision) while it waits.",
  })
  async submitPolicyVersionForApproval(@Arg('versionId', () => ID) versionId: string, @Ctx() context: RequestContext): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.submit(versionId, context.claims, eventContext(context)));
  }

  @Authorized(POLICY_APPROVERS)
  @Scoped(ScopeRule.Organisation, "any policy naming one of the caller's roles as approver (checked per policy), or a programme manager withdrawing it")
  @Mutation(() => PolicyVersionType, {
    description: 'Returns a submitted version to draft with the reason: by a holder of the role the policy names, or a programme manager withdrawing it.',
  })
  async returnPolicyVersionToDraft(
    @Arg('versionId', () => ID) versionId: string,
    @Arg('comment', { description: 'Why it goes back: what its author should change (required, at most 2,000 characters).' }) comment: string,
    @Ctx() context: RequestContext,
  ): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.returnToDraft(versionId, comment, context.claims, eventContext(context)));
  }

  @Authorized(POLICY_APPROVERS)
  @Scoped(ScopeRule.Organisation, "any policy naming one of the caller's roles as approver (checked per policy); never its author, a reviser or the submitter")
  @Mutation(() => PolicyVersionType, {
    description: 'Approves a submitted version: by a holder of the role the policy names, never by its author, anyone who revised it, or whoever submitted it.',
  })
  async approvePolicyVersion(@Arg('versionId', () => ID) versionId: string, @Ctx() context: RequestContext): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.approve(versionId, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyVersionType, { description: 'Puts an approved version in force; the audience is asked to acknowledge it.' })
  async publishPolicyVersion(@Arg('versionId', () => ID) versionId: string, @Ctx() context: RequestContext): Promise<PolicyVersionType> {
    return toPolicyVersionType(await this.service.publish(versionId, context.claims, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation documents, by programme managers (organisation-wide) only')
  @Mutation(() => PolicyType, { description: 'Withdraws a policy: its published version is retired.' })
  async retirePolicy(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<PolicyType> {
    return toPolicyType(await this.service.retire(id, eventContext(context)));
  }

  @Scoped(ScopeRule.Organisation, "the Annex A catalogue entries the policy names; their implementations and operating status keep their own roles and the caller's units")
  @FieldResolver(() => [ControlType], { description: 'The Annex A controls this policy supports.' })
  controls(@Root() policy: PolicyType): ControlType[] {
    return policy.controlIds.flatMap((id) => {
      const control = annexAControl(id);
      return control ? [toControlType(control)] : [];
    });
  }

  @Scoped(ScopeRule.Parent, 'the version in force of a policy already allowed')
  @FieldResolver(() => PolicyVersionType, { nullable: true, description: 'The version in force.' })
  async publishedVersion(@Root() policy: PolicyType, @Ctx() context: RequestContext): Promise<PolicyVersionType | null> {
    if (!policy.publishedVersionId) return null;
    const versions = await policyVersionsLoader(this.deps, context).load(policy.id);
    const version = versions.find((candidate) => candidate.id === policy.publishedVersionId);
    return version ? toPolicyVersionType(version) : null;
  }

  @Scoped(ScopeRule.Parent, 'versions of a policy already allowed (an employee: only the published one)')
  @FieldResolver(() => [PolicyVersionType], { description: 'All versions, newest first (only the published one for an employee).' })
  async versions(@Root() policy: PolicyType, @Ctx() context: RequestContext): Promise<PolicyVersionType[]> {
    const versions = await policyVersionsLoader(this.deps, context).load(policy.id);
    const visible = hasAnyRole(context.claims, AUDIT_READERS) ? versions : versions.filter((version) => version.status === 'PUBLISHED');
    return visible.map(toPolicyVersionType);
  }
}
