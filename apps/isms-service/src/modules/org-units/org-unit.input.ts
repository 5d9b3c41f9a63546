import { IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { OrgUnitKindType } from './org-unit.type';

@InputType()
export class CreateOrgUnitInput {
  @Field()
  @Length(1, 200)
  name: string;

  @Field(() => OrgUnitKindType)
  @IsEnum(OrgUnitKindType)
  kind: OrgUnitKindType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: "The unit's id in the HR system; unique per organisation." })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
}

@InputType({ description: 'Changes a unit; omitted fields stay as they are. Use moveOrgUnit to change the parent.' })
export class UpdateOrgUnitInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => OrgUnitKindType, { nullable: true })
  @IsOptional()
  @IsEnum(OrgUnitKindType)
  kind?: OrgUnitKindType;

  @Field(() => String, { nullable: true, description: 'null clears it.' })
  @IsOptional()
  @Length(1, 200)
  externalId?: string | null;
}

@InputType()
export class MoveOrgUnitInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ID, { nullable: true, description: 'The new parent; null makes the unit top-level.' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

@ArgsType()
export class OrgUnitsArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only deactivated (false) units; all when omitted.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
