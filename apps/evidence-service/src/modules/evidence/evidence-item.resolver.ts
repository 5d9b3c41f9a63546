import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, EVIDENCE_MANAGERS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { ControlRefType } from '../controls/control.type';
import { AddEvidenceInput, EvidenceItemsArgs, ReviewEvidenceInput } from './evidence-item.input';
import { toEvidenceItemType } from './evidence-item.mapper';
import { EvidenceItemService } from './evidence-item.service';
import { EvidenceItemType } from './evidence-item.type';

@Resolver(() => EvidenceItemType)
export class EvidenceItemResolver {
  private readonly service: EvidenceItemService;

  constructor(deps: ServiceDeps) {
    this.service = new EvidenceItemService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => [EvidenceItemType], { description: 'Evidence, most recently collected first; optionally for one Annex A control.' })
  async evidenceItems(@Args() args: EvidenceItemsArgs, @Ctx() context: RequestContext): Promise<EvidenceItemType[]> {
    return (await this.service.list(context.claims.organisationId, args)).map(toEvidenceItemType);
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Mutation(() => EvidenceItemType)
  async addEvidence(@Arg('input') input: AddEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    return toEvidenceItemType(await this.service.add(input, context.claims.sub, eventContext(context)));
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Mutation(() => EvidenceItemType, { description: 'Approves or rejects collected evidence; nobody approves evidence they collected.' })
  async reviewEvidence(@Arg('input') input: ReviewEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    return toEvidenceItemType(await this.service.review(input, context.claims.sub, eventContext(context)));
  }

  @FieldResolver(() => ControlRefType, { nullable: true })
  control(@Root() item: EvidenceItemType): ControlRefType | null {
    return item.controlId ? Object.assign(new ControlRefType(), { id: item.controlId }) : null;
  }
}
