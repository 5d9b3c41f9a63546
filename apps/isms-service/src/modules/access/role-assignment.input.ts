import { IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';
import { PlatformRoleType } from './role-assignment.type';

/** A group name as identity providers send it (e.g. `/iso27001/risk-owners-payments`): printable, no control characters. */
const GROUP_NAME = /^[^\p{Cc}]+$/u;

@InputType({ description: 'Gives a role over a unit (and its sub-units) to a person or to an identity-provider group: exactly one of the two.' })
export class AssignRoleInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: "The group's name exactly as the identity provider sends it in the token." })
  @IsOptional()
  @Length(1, 256)
  @Matches(GROUP_NAME, { message: 'group must not contain control characters' })
  group?: string | null;

  @Field(() => PlatformRoleType)
  @IsEnum(PlatformRoleType)
  role: PlatformRoleType;

  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;
}

@ArgsType()
export class RoleAssignmentsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @Field(() => ID, { nullable: true, description: 'Assignments on this unit exactly (not on its ancestors).' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 256)
  group?: string;

  @Field(() => PlatformRoleType, { nullable: true })
  @IsOptional()
  @IsEnum(PlatformRoleType)
  role?: PlatformRoleType;

  @Field({ nullable: true, defaultValue: false, description: 'Include revoked assignments (history).' })
  @IsOptional()
  @IsBoolean()
  includeRevoked?: boolean;
}
