import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../graphql/page.args';

/** A page of the trail, narrowed by record, actor, operation and time. */
@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only rows of this record (its id).' })
  @IsOptional()
  @MaxLength(200)
  recordId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only rows of this table, e.g. `risk`.' })
  @IsOptional()
  @MaxLength(100)
  recordType?: string | null;

  @Field(() => String, { nullable: true, description: "Only rows of this caller: their subject or e-mail." })
  @IsOptional()
  @MaxLength(320)
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'Only rows of this mutation, e.g. `updateRisk`.' })
  @IsOptional()
  @MaxLength(100)
  operation?: string | null;

  @Field(() => Date, { nullable: true, description: 'Rows at or after this time.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Rows at or before this time.' })
  @IsOptional()
  to?: Date | null;
}
