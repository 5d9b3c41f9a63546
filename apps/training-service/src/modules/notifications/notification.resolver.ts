import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ScopeRule, STAFF } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { TrainingConfig } from '../../config';
import { NotificationDeliveriesArgs, SetNotificationPreferencesInput } from './notification.input';
import { toNotificationDeliveryType, toNotificationPreferencesType } from './notification.mapper';
import { NotificationService } from './notification.service';
import { NotificationDeliveryConnectionType, NotificationPreferencesType } from './notification.type';
import { notificationSinks } from './sinks/notification-sink.registry';

@Resolver(() => NotificationPreferencesType)
export class NotificationResolver {
  private readonly service: NotificationService;

  constructor(deps: ServiceDeps<TrainingConfig>) {
    this.service = new NotificationService(deps, notificationSinks(deps));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Caller, "the caller's own preferences (their person found by the claims' e-mail)")
  @Query(() => NotificationPreferencesType, { description: "The caller's notification preferences (the defaults until set: e-mail, daily digest)." })
  async myNotificationPreferences(@Ctx() context: RequestContext): Promise<NotificationPreferencesType> {
    return toNotificationPreferencesType(await this.service.mine(context.claims));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the caller's own preferences; an admin or ISMS manager anyone's")
  @Mutation(() => NotificationPreferencesType, { description: "Sets a person's notification preferences: the person themself, or an admin / ISMS manager." })
  async setNotificationPreferences(@Arg('input', () => SetNotificationPreferencesInput) input: SetNotificationPreferencesInput, @Ctx() context: RequestContext): Promise<NotificationPreferencesType> {
    return toNotificationPreferencesType(await this.service.set(context.claims, input));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the caller's own deliveries; an admin or ISMS manager everyone's")
  @Query(() => NotificationDeliveryConnectionType, { description: 'The notification delivery log, newest first, a page at a time.' })
  async notificationDeliveries(@Args() args: NotificationDeliveriesArgs, @Ctx() context: RequestContext): Promise<NotificationDeliveryConnectionType> {
    const page = await this.service.deliveries(context.claims, args);
    return Object.assign(new NotificationDeliveryConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toNotificationDeliveryType) });
  }
}
