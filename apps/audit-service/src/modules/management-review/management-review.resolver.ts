import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule, STAFF, TOP_MANAGEMENT } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ManagementReviewActionEntity, ManagementReviewEntity, ReviewInputs } from './management-review.entity';
import { CreateManagementReviewInput, RecordManagementReviewInput } from './management-review.input';
import { ManagementReviewService } from './management-review.service';
import { ManagementReviewActionType, ManagementReviewInputsType, ManagementReviewStatusType, ManagementReviewType, ReviewCountType } from './management-review.type';

const counts = (values: Record<string, number>): ReviewCountType[] => Object.entries(values).map(([name, count]) => Object.assign(new ReviewCountType(), { name, count }));

function toInputsType(inputs: ReviewInputs, gatheredAt: Date): ManagementReviewInputsType {
  return Object.assign(new ManagementReviewInputsType(), {
    gatheredAt,
    previousActions: counts(inputs.previousActions),
    nonconformities: counts(inputs.nonconformities),
    correctiveActions: counts(inputs.correctiveActions),
    auditsSince: inputs.audits.since,
    auditResults: counts({ auditsClosed: inputs.audits.closed, ...inputs.audits.findings }),
    certificationStatus: inputs.certification.status,
    certificateNumber: inputs.certification.certificateNumber,
    certificateExpiresOn: inputs.certification.expiresOn,
    programme: counts(inputs.programme),
  });
}

export function toManagementReviewType(entity: ManagementReviewEntity): ManagementReviewType {
  return Object.assign(new ManagementReviewType(), {
    id: entity.id,
    title: entity.title,
    heldOn: entity.heldOn,
    status: entity.status as ManagementReviewStatusType,
    inputs: entity.inputs && entity.inputsGatheredAt ? toInputsType(entity.inputs, entity.inputsGatheredAt) : null,
    decisions: entity.decisions,
    notes: entity.notes,
    signedOffByName: entity.signedOffByName,
    signedOffAt: entity.signedOffAt,
  });
}

const toActionType = (entity: ManagementReviewActionEntity) =>
  Object.assign(new ManagementReviewActionType(), { id: entity.id, description: entity.description, ownerPersonId: entity.ownerPersonId, dueOn: entity.dueOn, doneAt: entity.doneAt });

@Resolver(() => ManagementReviewType)
export class ManagementReviewResolver {
  private readonly service: ManagementReviewService;

  constructor(deps: ServiceDeps) {
    this.service = new ManagementReviewService(deps);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's management reviews; external auditors read the signed-off results in the Stage 1 pack")
  @Query(() => [ManagementReviewType], { description: 'Management reviews, latest first.' })
  async managementReviews(@Ctx() context: RequestContext): Promise<ManagementReviewType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toManagementReviewType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data')
  @Mutation(() => ManagementReviewType, { description: 'Prepares a management review (a draft).' })
  async createManagementReview(@Arg('input') input: CreateManagementReviewInput, @Ctx() context: RequestContext): Promise<ManagementReviewType> {
    return toManagementReviewType(await this.service.create(context.claims, input.title, input.heldOn));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data; a draft only')
  @Mutation(() => ManagementReviewType, { description: 'Gathers (again) the inputs the platform holds into a draft review.' })
  async gatherManagementReviewInputs(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ManagementReviewType> {
    return toManagementReviewType(await this.service.gather(context.claims, id));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data; a draft only')
  @Mutation(() => ManagementReviewType, { description: 'Records the decisions, actions and notes of a draft review.' })
  async recordManagementReview(@Arg('input') input: RecordManagementReviewInput, @Ctx() context: RequestContext): Promise<ManagementReviewType> {
    return toManagementReviewType(await this.service.record(context.claims, input.id, { decisions: input.decisions, actions: input.actions, notes: input.notes ?? null }));
  }

  @Authorized(TOP_MANAGEMENT)
  @Scoped(ScopeRule.Organisation, 'top management, never someone who prepared or recorded the review')
  @Mutation(() => ManagementReviewType, { description: 'Top management signs the review off; it is final afterwards.' })
  async signOffManagementReview(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ManagementReviewType> {
    return toManagementReviewType(await this.service.signOff(context.claims, id));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, 'the owner of the action, or a programme manager')
  @Mutation(() => ManagementReviewActionType, { description: 'Marks an action of a review done.' })
  async completeManagementReviewAction(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ManagementReviewActionType> {
    return toActionType(await this.service.completeAction(context.claims, id));
  }

  @Scoped(ScopeRule.Parent, 'the actions of a review already allowed')
  @FieldResolver(() => [ManagementReviewActionType])
  async actions(@Root() review: ManagementReviewType, @Ctx() context: RequestContext): Promise<ManagementReviewActionType[]> {
    return (await this.service.actions(context.claims.organisationId, review.id)).map(toActionType);
  }
}
