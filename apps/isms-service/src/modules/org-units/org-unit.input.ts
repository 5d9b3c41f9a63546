import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
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
}
