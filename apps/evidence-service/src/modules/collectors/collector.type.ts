import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CollectorRunOutcomeType {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  PARTIAL = 'PARTIAL',
}
registerEnumType(CollectorRunOutcomeType, { name: 'CollectorRunOutcome', description: 'PARTIAL: some items were recorded, others not (the reason says which).' });

export enum CollectorRunTriggerType {
  SCHEDULE = 'SCHEDULE',
  MANUAL = 'MANUAL',
}
registerEnumType(CollectorRunTriggerType, { name: 'CollectorRunTrigger' });

@ObjectType('EvidenceCollector', { description: 'A collector this service can run: built in, or loaded from a package.' })
export class EvidenceCollectorType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  version: string;

  @Field({ description: 'Cron (UTC) used when a configuration names no schedule.' })
  defaultSchedule: string;

  @Field(() => [String], { description: 'Annex A controls its evidence is mapped to.' })
  controlIds: string[];

  @Field(() => [String], { description: 'Clause requirements its evidence is mapped to.' })
  clauses: string[];

  @Field({ description: 'The configuration schema as JSON Schema (a JSON string).' })
  configSchema: string;

  @Field({ description: '`built-in`, or the package it was loaded from.' })
  source: string;
}

@ObjectType('CollectorConfiguration', { description: "An organisation's use of a collector: its unit, schedule and settings." })
export class CollectorConfigurationType {
  @Field(() => ID)
  id: string;

  @Field()
  collectorId: string;

  @Field()
  name: string;

  @Field(() => ID, { description: 'The unit (department) its evidence belongs to.' })
  unitId: string;

  @Field()
  enabled: boolean;

  @Field({ description: 'Cron in UTC.' })
  schedule: string;

  @Field({ description: 'The validated settings as JSON; header values and other secrets read as "[redacted]".' })
  config: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the schedule runs it next (null while disabled).' })
  nextRunAt: Date | null;

  @Field()
  configuredBy: string;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('CollectorRun', { description: 'One run of a collector configuration and the evidence it recorded.' })
export class CollectorRunType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  configurationId: string;

  @Field()
  collectorId: string;

  @Field()
  collectorVersion: string;

  @Field(() => CollectorRunTriggerType)
  trigger: CollectorRunTriggerType;

  @Field({ description: 'Who started it (`system:collector-schedule` for the schedule).' })
  startedBy: string;

  @Field(() => GraphQLISODateTime)
  startedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt: Date | null;

  @Field(() => CollectorRunOutcomeType)
  outcome: CollectorRunOutcomeType;

  @Field(() => String, { nullable: true, description: 'Why it failed (or which items were not recorded).' })
  reason: string | null;

  @Field(() => Int)
  itemsProduced: number;

  @Field(() => [ID], { description: 'The evidence items it recorded a version of.' })
  evidenceIds: string[];
}

@ObjectType('CollectorRunConnection')
export class CollectorRunConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [CollectorRunType])
  nodes: CollectorRunType[];
}
