import { ArrayMaxSize, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';

@InputType({ description: 'One channel switched on or off.' })
export class NotificationChannelSettingInput {
  @Field(() => String, { description: 'EMAIL or CHAT.' })
  @IsString()
  @MaxLength(40)
  channel: string;

  @Field(() => Boolean)
  @IsBoolean()
  enabled: boolean;
}

@InputType({ description: "A person's notification preferences; channels not named keep their setting." })
export class SetNotificationPreferencesInput {
  @Field(() => ID, { nullable: true, description: "Whose preferences (an admin or ISMS manager may name anyone); the caller's own when omitted." })
  @IsOptional()
  @IsString()
  personId?: string | null;

  @Field(() => [NotificationChannelSettingInput], { defaultValue: [] })
  @ArrayMaxSize(10)
  channels: NotificationChannelSettingInput[];

  @Field(() => String, { nullable: true, description: 'DIGEST (at most one e-mail a day) or IMMEDIATE; unchanged when omitted.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  delivery?: string | null;
}

@ArgsType()
export class NotificationDeliveriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "One person's deliveries (for an admin or ISMS manager; anyone else sees only their own anyway)." })
  @IsOptional()
  @IsString()
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'PENDING, SENT, FAILED or SKIPPED.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  status?: string | null;
}
