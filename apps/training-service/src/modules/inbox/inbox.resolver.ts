import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ScopeRule, STAFF } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toInboxItemType } from './inbox.mapper';
import { InboxService } from './inbox.service';
import { InboxItemType } from './inbox.type';

@Resolver(() => InboxItemType)
export class InboxResolver {
  private readonly service: InboxService;

  constructor(deps: ServiceDeps) {
    this.service = new InboxService(deps);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "only the caller's own items (their person found by the claims' e-mail), whatever their role")
  @Query(() => [InboxItemType], { description: 'One list of what the caller owes (courses, policy acknowledgements, evidence requests), by due date.' })
  async myInbox(@Ctx() context: RequestContext): Promise<InboxItemType[]> {
    return (await this.service.mine(context.claims)).map(toInboxItemType);
  }
}
