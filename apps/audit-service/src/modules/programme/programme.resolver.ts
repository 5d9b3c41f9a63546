import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toEngagementType } from '../engagements/engagement.mapper';
import { EngagementType } from '../engagements/engagement.type';
import { PlanEngagementInput, ProgrammeArgs } from './programme.input';
import { ProgrammeService } from './programme.service';
import { AuditProgrammeType, ClauseCoverageType, ControlCoverageType } from './programme.type';

@Resolver(() => AuditProgrammeType)
export class ProgrammeResolver {
  private readonly service: ProgrammeService;

  constructor(deps: ServiceDeps) {
    this.service = new ProgrammeService(deps);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's internal audit programme; not for external auditors, whose grant is one engagement")
  @Query(() => AuditProgrammeType, { description: 'Coverage of clauses 4 to 10 and of the applicable controls by the internal audits of a period (default: the certificate\'s three years).' })
  async internalAuditProgramme(@Args() args: ProgrammeArgs, @Ctx() context: RequestContext): Promise<AuditProgrammeType> {
    const programme = await this.service.coverage(context.claims, args);
    const clauses = programme.clauses.map((row) => Object.assign(new ClauseCoverageType(), { ...row, covered: row.engagementIds.length > 0 }));
    const controls = programme.controls.map((row) => Object.assign(new ControlCoverageType(), { ...row, title: this.service.titleOf(row.controlId), covered: row.engagementIds.length > 0 }));
    return Object.assign(new AuditProgrammeType(), {
      from: programme.from,
      to: programme.to,
      soaVersion: programme.soaVersion,
      clauses,
      controls,
      clausesCovered: clauses.filter((row) => row.covered).length,
      controlsCovered: controls.filter((row) => row.covered).length,
    });
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data; nobody audits their own unit (INDEPENDENCE_CONFLICT, nothing written)')
  @Mutation(() => EngagementType, { description: 'Sets what an engagement audits (units, clauses, controls) and who audits it (lead and team).' })
  async planEngagement(@Arg('input') input: PlanEngagementInput, @Ctx() context: RequestContext): Promise<EngagementType> {
    return toEngagementType(await this.service.plan(context.claims.organisationId, input));
  }
}

