import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType('RiskScaleLevelInput')
export class ScaleLevelInput {
  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'scale values must be positive integers' })
  value: number;

  @Field()
  @Length(1, 100)
  label: string;

  @Field({ defaultValue: '' })
  @Length(0, 1_000)
  description: string;
}

@InputType('RiskLevelDefinitionInput')
export class RiskLevelInput {
  @Field({ description: 'Upper-case key, e.g. HIGH.' })
  @Matches(/^[A-Z][A-Z0-9_]{0,29}$/, { message: 'level keys are upper-case letters, digits or _ (e.g. HIGH)' })
  key: string;

  @Field()
  @Length(1, 100)
  label: string;

  @Field({ defaultValue: '' })
  @Length(0, 1_000)
  description: string;
}

@InputType('RiskMatrixCellInput')
export class MatrixCellInput {
  @Field(() => Int)
  @IsInt()
  likelihood: number;

  @Field(() => Int)
  @IsInt()
  impact: number;

  @Field()
  @Length(1, 30)
  level: string;
}

@InputType('PublishRiskMethodologyInput')
export class PublishMethodologyInput {
  @Field(() => [ScaleLevelInput], { description: '3 to 10 levels, ascending values.' })
  @ArrayMinSize(3, { message: 'the likelihood scale needs 3 to 10 levels' })
  @ArrayMaxSize(10, { message: 'the likelihood scale needs 3 to 10 levels' })
  @ValidateNested({ each: true })
  likelihoodScale: ScaleLevelInput[];

  @Field(() => [ScaleLevelInput], { description: '3 to 10 levels, ascending values.' })
  @ArrayMinSize(3, { message: 'the impact scale needs 3 to 10 levels' })
  @ArrayMaxSize(10, { message: 'the impact scale needs 3 to 10 levels' })
  @ValidateNested({ each: true })
  impactScale: ScaleLevelInput[];

  @Field(() => [RiskLevelInput], { description: 'Lowest first; the order is the ranking.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  levels: RiskLevelInput[];

  @Field(() => [MatrixCellInput], { description: 'Every likelihood × impact cell exactly once.' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  matrix: MatrixCellInput[];

  @Field({ description: 'The highest level acceptable without treatment (risk appetite).' })
  @Length(1, 30)
  appetite: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5_000)
  notes?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version this one replaces; refused when another was published meanwhile.' })
  @IsOptional()
  @IsInt()
  expectedCurrentVersion?: number | null;
}
