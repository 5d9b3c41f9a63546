import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, EVIDENCE_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ControlRefType } from '../controls/control.type';
import { AddEvidenceInput, EvidenceItemsArgs, ReviewEvidenceInput } from './evidence-item.input';
import { toEvidenceItemType } from './evidence-item.mapper';
import { readsEvidence } from './evidence-item.scope';
import { EvidenceItemService } from './evidence-item.service';
import { EvidenceItemType } from './evidence-item.type';

@Resolver(() => EvidenceItemType)
export class EvidenceItemResolver {
  private readonly service: EvidenceItemService;

  constructor(deps: ServiceDeps) {
    this.service = new EvidenceItemService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Organisation,
    'evidence items carry no unit yet: every internal reader reads all of them (units come with the evidence issue); an external auditor none (fail closed)',
  )
  @Query(() => [EvidenceItemType], { description: 'Evidence, most recently collected first; optionally for one Annex A control.' })
  async evidenceItems(@Args() args: EvidenceItemsArgs, @Ctx() context: RequestContext): Promise<EvidenceItemType[]> {
    if (!readsEvidence(context.claims)) return [];
    return (await this.service.list(context.claims.organisationId, args)).map(toEvidenceItemType);
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'evidence items carry no unit yet: any evidence manager collects for any control or clause (units come with the evidence issue)')
  @Mutation(() => EvidenceItemType)
  async addEvidence(@Arg('input') input: AddEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    return toEvidenceItemType(await this.service.add(input, context.claims.sub, eventContext(context)));
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'evidence items carry no unit yet: any evidence manager reviews any item, never one they collected')
  @Mutation(() => EvidenceItemType, { description: 'Approves or rejects collected evidence; nobody approves evidence they collected.' })
  async reviewEvidence(@Arg('input') input: ReviewEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    return toEvidenceItemType(await this.service.review(input, context.claims.sub, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, 'the catalogue control of an item already allowed (a stub)')
  @FieldResolver(() => ControlRefType, { nullable: true })
  control(@Root() item: EvidenceItemType): ControlRefType | null {
    return item.controlId ? Object.assign(new ControlRefType(), { id: item.controlId }) : null;
  }
}
