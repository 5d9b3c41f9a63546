import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum ContextIssueCategoryType {
  INTERNAL = 'INTERNAL',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(ContextIssueCategoryType, { name: 'IsmsContextIssueCategory' });

export enum ObligationKindType {
  LEGAL = 'LEGAL',
  REGULATORY = 'REGULATORY',
  CONTRACTUAL = 'CONTRACTUAL',
}
registerEnumType(ObligationKindType, { name: 'IsmsObligationKind' });

export enum ObligationStatusType {
  IDENTIFIED = 'IDENTIFIED',
  COMPLIANT = 'COMPLIANT',
  PARTIALLY_COMPLIANT = 'PARTIALLY_COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  RETIRED = 'RETIRED',
}
registerEnumType(ObligationStatusType, { name: 'IsmsObligationStatus' });

@ObjectType('IsmsContextIssue', { description: 'An internal or external issue relevant to the ISMS (clause 4.1).' })
export class ContextIssueType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ContextIssueCategoryType)
  category: ContextIssueCategoryType;

  @Field()
  impact: string;

  @Field(() => ID, { nullable: true })
  unitId: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  reviewDate: string | null;
}

@ObjectType('IsmsInterestedParty', { description: 'An interested party and its requirements (clause 4.2).' })
export class InterestedPartyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => [String])
  requirements: string[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  reviewDate: string | null;
}

@ObjectType('IsmsObligation', { description: 'A legal, regulatory or contractual obligation in the register.' })
export class ObligationType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ObligationKindType)
  kind: ObligationKindType;

  @Field({ description: 'Jurisdiction or source.' })
  source: string;

  @Field(() => ID, { nullable: true })
  ownerId: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  reviewDate: string | null;

  @Field(() => ObligationStatusType)
  status: ObligationStatusType;

  @Field(() => ID, { nullable: true })
  interestedPartyId: string | null;
}

@ObjectType('IsmsContextReviewsDue', { description: 'Context items whose review date falls before the given date.' })
export class ContextReviewsDueType {
  @Field(() => [ContextIssueType])
  issues: ContextIssueType[];

  @Field(() => [InterestedPartyType])
  interestedParties: InterestedPartyType[];

  @Field(() => [ObligationType])
  obligations: ObligationType[];
}
