import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType('IsmsScopeExclusionInput')
export class ScopeExclusionInput {
  @Field()
  @Length(1, 500)
  item: string;

  @Field({ description: 'Mandatory: why this is excluded.' })
  @Length(1, 2000, { message: 'every exclusion needs a justification' })
  justification: string;
}

@InputType({ description: 'Changes a draft scope; omitted fields stay as they are, lists are replaced as a whole.' })
export class UpdateIsmsScopeDraftInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10_000)
  statement?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  inScopeUnitIds?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  locations?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  systems?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  interfaces?: string[];

  @Field(() => [ScopeExclusionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  exclusions?: ScopeExclusionInput[];
}
