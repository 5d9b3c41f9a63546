import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { personRef, PersonRefType } from '../people/person.type';
import { AnswerGapQuestionnaireInput, GapAssessmentInput, GapAssessmentsArgs } from './gap-assessment.input';
import { toGapAnalysisType, toGapAssessmentType, toGapQuestionType } from './gap-assessment.mapper';
import { GapAssessmentService } from './gap-assessment.service';
import { GapAnalysisType, GapAssessmentType, GapQuestionType } from './gap-assessment.type';
import { allGapItems, gapItem, scoreOf, GapStatus } from './gap-analysis.rules';
import { GapAssessmentEntity } from './gap-assessment.entity';

function byItem(entities: readonly GapAssessmentEntity[]): Map<string, GapAssessmentEntity> {
  return new Map(entities.map((entity) => [entity.itemId, entity]));
}

@Resolver(() => GapAssessmentType)
export class GapAssessmentResolver {
  private readonly service: GapAssessmentService;

  constructor(deps: ServiceDeps) {
    this.service = new GapAssessmentService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's readiness per clause and control (one assessment each, no unit): the same for every reader")
  @Query(() => [GapAssessmentType], { description: 'Every clause requirement and Annex A control with its assessment (if any), in catalogue order.' })
  async gapAssessments(@Args() args: GapAssessmentsArgs, @Ctx() context: RequestContext): Promise<GapAssessmentType[]> {
    const assessed = byItem(await this.service.list(context.claims.organisationId));
    return allGapItems()
      .filter((item) => !args.kind || item.kind === args.kind)
      .filter((item) => args.clause === undefined || args.clause === null || (item.kind === 'CLAUSE' && item.clause === args.clause))
      .filter((item) => !args.theme || (item.kind === 'CONTROL' && item.theme === args.theme))
      .filter((item) => !args.status || assessed.get(item.id)?.score === scoreOf(args.status as GapStatus))
      .map((item) => toGapAssessmentType(item, assessed.get(item.id)));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's readiness roll-up: the same for every reader")
  @Query(() => GapAnalysisType, { description: 'Readiness overall and rolled up per clause (4 … 10) and per Annex A theme.' })
  async gapAnalysis(@Ctx() context: RequestContext): Promise<GapAnalysisType> {
    return toGapAnalysisType(allGapItems(), await this.service.list(context.claims.organisationId));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the questionnaire with the organisation-level answers: the same for every reader')
  @Query(() => [GapQuestionType], { description: 'One question per clause requirement and Annex A control, to start the gap analysis from.' })
  async gapQuestionnaire(@Ctx() context: RequestContext): Promise<GapQuestionType[]> {
    const assessed = byItem(await this.service.list(context.claims.organisationId));
    return allGapItems().map((item) => toGapQuestionType(item, assessed.get(item.id)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'an organisation-level assessment, by programme managers (organisation-wide) only')
  @Mutation(() => GapAssessmentType, { description: 'Records the assessment of one clause requirement or Annex A control.' })
  async assessGap(@Arg('input') input: GapAssessmentInput, @Ctx() context: RequestContext): Promise<GapAssessmentType> {
    const [saved] = await this.service.record([input], context.claims);
    return this.toType(saved!); // eslint-disable-line @typescript-eslint/no-non-null-assertion
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation-level assessments, by programme managers (organisation-wide) only')
  @Mutation(() => [GapAssessmentType], { description: 'Records questionnaire answers as assessments, all or none.' })
  async answerGapQuestionnaire(@Arg('input') input: AnswerGapQuestionnaireInput, @Ctx() context: RequestContext): Promise<GapAssessmentType[]> {
    const saved = byItem(await this.service.record(input.answers, context.claims));
    return allGapItems()
      .filter((item) => saved.has(item.id))
      .map((item) => toGapAssessmentType(item, saved.get(item.id)));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, "the remediation owner of an assessment already allowed (a person stub isms-service names)")
  @FieldResolver(() => PersonRefType, { nullable: true, description: 'Who owns the remediation.' })
  remediationOwner(@Root() assessment: GapAssessmentType): PersonRefType | null {
    return personRef(assessment.remediationOwnerId);
  }

  private toType(entity: GapAssessmentEntity): GapAssessmentType {
    const item = gapItem(entity.itemId);
    if (!item) throw new Error(`gap_assessment for ${entity.itemId}, which is not in the catalogue`);
    return toGapAssessmentType(item, entity);
  }
}
