import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SoaReasonType } from './soa-entry.type';

@InputType()
export class SetControlApplicabilityInput {
  @Field(() => ID, { description: 'Annex A control id, e.g. "A.5.23".' })
  @IsString()
  controlId: string;

  @Field()
  @IsBoolean()
  applicable: boolean;

  @Field(() => [SoaReasonType], { defaultValue: [] })
  @ArrayMaxSize(4)
  @IsEnum(SoaReasonType, { each: true })
  reasons: SoaReasonType[];

  @Field(() => String, { nullable: true, description: 'Required (non-empty) when the control is not applicable.' })
  @IsOptional()
  @Length(0, 10_000)
  justification?: string | null;
}
