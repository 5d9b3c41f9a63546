import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { CompletionHistoryArgs } from './completion-rate.input';
import { CompletionRateService } from './completion-rate.service';
import { CampaignCompletionType, CompletionPointType } from './completion-rate.type';

@Resolver()
export class CompletionRateResolver {
  private readonly service: CompletionRateService;

  constructor(deps: ServiceDeps) {
    this.service = new CompletionRateService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "organisation-wide roles count everyone; a unit owner the people of their units (and themself) and sees only those units; an external auditor the assignments dated within the grant's period")
  @Query(() => CampaignCompletionType, { description: "A campaign's completion in its current round: overall, per unit rolled up the hierarchy, per job role." })
  async campaignCompletion(@Arg('campaignId', () => ID) campaignId: string, @Ctx() context: RequestContext): Promise<CampaignCompletionType> {
    return this.service.campaignCompletion(context.claims, context.access, campaignId);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "the whole campaign's history for organisation-wide roles; a unit owner one of their units; an external auditor the days of the grant's period")
  @Query(() => [CompletionPointType], { description: 'The daily history of a campaign (or one unit of it, sub-units included), oldest first, for trend charts.' })
  async campaignCompletionHistory(@Args() args: CompletionHistoryArgs, @Ctx() context: RequestContext): Promise<CompletionPointType[]> {
    return this.service.history(context.claims, context.access, args);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers (organisation-wide) record the snapshot of every campaign')
  @Mutation(() => Int, { description: "Records today's completion of every campaign in the history now (the daily job does it too); returns the campaigns recorded." })
  async recordCompletionSnapshot(): Promise<number> {
    return this.service.snapshot();
  }
}
