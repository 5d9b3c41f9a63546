import { ArrayMaxSize, ArrayMinSize, IsEnum, IsISO8601, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PlatformRoleType } from '../access/role-assignment.type';

@InputType({ description: 'A service account: what it is for, the roles and units it acts with, and when its token stops working.' })
export class CreateServiceAccountInput {
  @Field()
  @Length(1, 120)
  name: string;

  @Field({ description: 'What system uses it, and who owns that system.' })
  @Length(1, 2000)
  description: string;

  @Field(() => [PlatformRoleType], { description: 'SERVICE_ACCOUNT (read access), plus RISK_OWNER or CONTROL_OWNER to change records of its units.' })
  @ArrayMinSize(1, { message: 'roles: give at least one role' })
  @IsEnum(PlatformRoleType, { each: true })
  roles: PlatformRoleType[];

  @Field(() => [ID], { description: 'The units it reaches, with their sub-units. Empty: no unit records at all.' })
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each of unitIds must be a UUID' })
  unitIds: string[];

  @Field({ description: 'When the token stops working (ISO 8601), at most a year ahead.' })
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt: string;
}
