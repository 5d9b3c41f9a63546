import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { RiskAssetClassification, RiskAssetTypeValue } from './asset.type';

@InputType('CreateRiskAssetInput')
export class CreateAssetInput {
  @Field(() => RiskAssetTypeValue)
  @IsEnum(RiskAssetTypeValue)
  type: RiskAssetTypeValue;

  @Field()
  @Length(1, 300)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5_000)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => RiskAssetClassification)
  @IsEnum(RiskAssetClassification)
  confidentiality: RiskAssetClassification;

  @Field(() => RiskAssetClassification)
  @IsEnum(RiskAssetClassification)
  integrity: RiskAssetClassification;

  @Field(() => RiskAssetClassification)
  @IsEnum(RiskAssetClassification)
  availability: RiskAssetClassification;

  @Field(() => [ID], { nullable: true, description: 'Risks that concern this asset.' })
  @IsOptional()
  @ArrayMaxSize(1_000)
  @IsUUID('all', { each: true })
  riskIds?: string[] | null;
}

@InputType('UpdateRiskAssetInput', { description: 'Fields left out stay as they are.' })
export class UpdateAssetInput {
  @Field(() => ID)
  @IsUUID()
  assetId: string;

  @Field(() => RiskAssetTypeValue, { nullable: true })
  @IsOptional()
  @IsEnum(RiskAssetTypeValue)
  type?: RiskAssetTypeValue | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 300)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5_000)
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string | null;

  @Field(() => RiskAssetClassification, { nullable: true })
  @IsOptional()
  @IsEnum(RiskAssetClassification)
  confidentiality?: RiskAssetClassification | null;

  @Field(() => RiskAssetClassification, { nullable: true })
  @IsOptional()
  @IsEnum(RiskAssetClassification)
  integrity?: RiskAssetClassification | null;

  @Field(() => RiskAssetClassification, { nullable: true })
  @IsOptional()
  @IsEnum(RiskAssetClassification)
  availability?: RiskAssetClassification | null;

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked risks.' })
  @IsOptional()
  @ArrayMaxSize(1_000)
  @IsUUID('all', { each: true })
  riskIds?: string[] | null;
}

@ArgsType()
export class AssetListArgs {
  @Field(() => RiskAssetTypeValue, { nullable: true })
  @IsOptional()
  @IsEnum(RiskAssetTypeValue)
  type?: RiskAssetTypeValue | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  search?: string | null;

  @Field(() => Int, { defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset: number;
}
