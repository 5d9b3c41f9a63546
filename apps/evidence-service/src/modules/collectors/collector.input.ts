import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '@iso27001/platform';

@InputType({ description: 'Creates a collector configuration (without id) or changes one.' })
export class ConfigureCollectorInput {
  @Field(() => ID, { nullable: true, description: 'The configuration to change; omitted to create one.' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string | null;

  @Field()
  @Matches(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, { message: 'collectorId must be a collector id such as http.json' })
  collectorId: string;

  @Field(() => String, { nullable: true, description: "Tells configurations of one collector apart; the collector's title when omitted." })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string | null;

  @Field(() => ID, { description: 'The unit (department) the evidence belongs to.' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId: string;

  @Field(() => Boolean, { nullable: true, description: 'True unless given.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: "Cron in UTC; the collector's default schedule when omitted." })
  @IsOptional()
  @IsString()
  @Length(9, 120, { message: 'schedule must be a cron expression of 5 fields' })
  schedule?: string | null;

  @Field(() => String, { nullable: true, description: "Settings as JSON, checked against the collector's configuration schema." })
  @IsOptional()
  @IsString()
  @Length(0, 65_536, { message: 'config must be at most 64 KiB of JSON' })
  config?: string | null;
}

@ArgsType()
export class CollectorRunsArgs extends PageArgs {
  @Field()
  @IsString()
  @Length(1, 100)
  collectorId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'configurationId must be a UUID' })
  configurationId?: string | null;
}
