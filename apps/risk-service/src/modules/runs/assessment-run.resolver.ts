import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { AssessmentRunEntity } from './assessment-run.entity';
import { AssessmentRunService } from './assessment-run.service';
import { AssessmentRunType, FieldChangeType, RunChangeType, RunComparisonType, RunItemType } from './assessment-run.type';
import { RunItem } from './run-comparison.logic';

function toRunType(entity: AssessmentRunEntity): AssessmentRunType {
  return Object.assign(new AssessmentRunType(), {
    id: entity.id,
    title: entity.title,
    methodologyVersion: entity.methodologyVersion,
    riskCount: entity.riskCount,
    takenBy: entity.takenBy,
    takenAt: entity.takenAt,
  });
}

function toItemType(item: RunItem): RunItemType {
  return Object.assign(new RunItemType(), {
    riskId: item.riskId,
    title: item.title,
    status: item.status,
    treatment: item.treatment,
    inherentVersion: item.inherentVersion,
    inherentLikelihood: item.inherentLikelihood,
    inherentImpact: item.inherentImpact,
    inherentLevel: item.inherentLevel,
    residualVersion: item.residualVersion,
    residualLikelihood: item.residualLikelihood,
    residualImpact: item.residualImpact,
    residualLevel: item.residualLevel,
    accepted: item.accepted,
    needsAcceptance: item.needsAcceptance,
  });
}

@Resolver(() => AssessmentRunType)
export class AssessmentRunResolver {
  private readonly service: AssessmentRunService;

  constructor(deps: ServiceDeps) {
    this.service = new AssessmentRunService(deps);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "a snapshot of every unit's risks: programme managers only (the service refuses any caller who is not organisation-wide)")
  @Mutation(() => AssessmentRunType, { description: 'Snapshots the register (every risk\'s scores, levels, treatment, residual, status), dated.' })
  async startAssessmentRun(@Arg('title') title: string, @Ctx() context: RequestContext): Promise<AssessmentRunType> {
    return toRunType(await this.service.start(title, eventContext(context), context.access));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "every run's title and date (an external auditor: runs taken within the grant's period); its riskCount counts only the risks within the caller's reach")
  @Query(() => [AssessmentRunType], { description: 'Assessment runs, newest first.' })
  async assessmentRuns(@Ctx() context: RequestContext): Promise<AssessmentRunType[]> {
    return (await this.service.list(context.claims, context.access)).map(toRunType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "added, removed, changed and unchanged counted only over the risks of the caller's units or owned by them, in each snapshot; a run outside an external auditor's period is not found")
  @Query(() => RunComparisonType, { description: 'Risks added, removed and changed from run `from` to run `to`.' })
  async compareAssessmentRuns(@Arg('from', () => ID) from: string, @Arg('to', () => ID) to: string, @Ctx() context: RequestContext): Promise<RunComparisonType> {
    const result = await this.service.compare(context.claims, from, to, context.access);
    return Object.assign(new RunComparisonType(), {
      from: toRunType(result.from),
      to: toRunType(result.to),
      added: result.comparison.added.map(toItemType),
      removed: result.comparison.removed.map(toItemType),
      changed: result.comparison.changed.map((c) =>
        Object.assign(new RunChangeType(), {
          riskId: c.after.riskId,
          title: c.after.title,
          before: toItemType(c.before),
          after: toItemType(c.after),
          changes: c.changes.map((f) => Object.assign(new FieldChangeType(), f)),
        }),
      ),
      unchanged: result.comparison.unchanged,
    });
  }
}
