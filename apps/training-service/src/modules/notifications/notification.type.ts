import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('NotificationChannelSetting')
export class NotificationChannelSettingType {
  @Field(() => String, { description: 'EMAIL or CHAT.' })
  channel: string;

  @Field(() => Boolean, { description: 'Whether the person wants notifications on this channel.' })
  enabled: boolean;

  @Field(() => Boolean, { description: 'Whether this installation can send on the channel at all (else its deliveries are SKIPPED).' })
  configured: boolean;
}

@ObjectType('NotificationPreferences')
export class NotificationPreferencesType {
  @Field(() => ID)
  personId: string;

  @Field(() => [NotificationChannelSettingType])
  channels: NotificationChannelSettingType[];

  @Field(() => String, { description: 'DIGEST (at most one e-mail a day, the default) or IMMEDIATE.' })
  delivery: string;

  @Field(() => Date, { nullable: true, description: 'When they were last set; null while the defaults apply.' })
  updatedAt: Date | null;
}

@ObjectType('NotificationDelivery', { description: 'One notification on one channel: the delivery log.' })
export class NotificationDeliveryType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  notificationId: string;

  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: "The recipient's name from the person replica." })
  personName: string | null;

  @Field(() => String)
  channel: string;

  @Field(() => String, { description: 'IMMEDIATE or DIGEST.' })
  mode: string;

  @Field(() => String, { description: 'PENDING, SENT, FAILED or SKIPPED.' })
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed or the delivery was skipped (no secrets).' })
  lastError: string | null;

  @Field(() => String)
  kind: string;

  @Field(() => String)
  subject: string;

  @Field(() => String, { nullable: true })
  dueDate: string | null;

  @Field(() => String, { nullable: true })
  link: string | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;
}

@ObjectType('NotificationDeliveryConnection')
export class NotificationDeliveryConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [NotificationDeliveryType])
  nodes: NotificationDeliveryType[];
}
