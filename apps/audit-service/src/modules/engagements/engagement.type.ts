import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum EngagementKindType {
  INTERNAL = 'INTERNAL',
  STAGE_1 = 'STAGE_1',
  STAGE_2 = 'STAGE_2',
  SURVEILLANCE = 'SURVEILLANCE',
  RECERTIFICATION = 'RECERTIFICATION',
}
registerEnumType(EngagementKindType, { name: 'EngagementType', description: 'Internal audit (9.2) or a certification body audit of the cycle.' });

export enum EngagementStatusType {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(EngagementStatusType, { name: 'EngagementStatus' });

@ObjectType('Engagement', { description: 'One audit: internal, Stage 1, Stage 2, surveillance or recertification.' })
@Directive('@key(fields: "id")')
export class EngagementType {
  @Field(() => ID)
  id: string;

  @Field(() => EngagementKindType)
  type: EngagementKindType;

  @Field()
  title: string;

  @Field({ description: 'YYYY-MM-DD' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD' })
  endsOn: string;

  @Field()
  leadAuditor: string;

  @Field(() => EngagementStatusType)
  status: EngagementStatusType;

  @Field(() => [ID], { description: 'Units audited, each with its sub-units.' })
  unitIds: string[];

  @Field(() => [String], { description: 'Clauses audited ("9", "9.2" …).' })
  clauses: string[];

  @Field(() => [String], { description: 'Annex A controls audited.' })
  controlIds: string[];

  @Field(() => ID, { nullable: true, description: 'The lead auditor as a person of the organisation, when an internal audit names one.' })
  leadAuditorPersonId: string | null;

  @Field(() => [ID])
  teamPersonIds: string[];
}
