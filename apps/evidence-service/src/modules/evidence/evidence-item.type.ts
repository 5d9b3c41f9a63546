import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum EvidenceStatusType {
  COLLECTED = 'COLLECTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(EvidenceStatusType, { name: 'EvidenceStatus' });

export enum EvidenceDecisionType {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(EvidenceDecisionType, { name: 'EvidenceDecision', description: 'The outcome of reviewing collected evidence.' });

@ObjectType('EvidenceItem', { description: 'A piece of evidence that a control operates or a clause is met.' })
@Directive('@key(fields: "id")')
export class EvidenceItemType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  /** Resolved by the `control` field resolver. */
  controlId: string | null;

  @Field(() => String, { nullable: true, description: 'Clause of ISO/IEC 27001:2022, e.g. "7.2".' })
  clause: string | null;

  @Field(() => Date)
  collectedAt: Date;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  validUntil: string | null;

  @Field(() => EvidenceStatusType)
  status: EvidenceStatusType;

  @Field(() => String, { nullable: true })
  sha256: string | null;

  @Field()
  collectedBy: string;

  @Field(() => String, { nullable: true })
  reviewedBy: string | null;

  @Field(() => Date, { nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true })
  reviewComment: string | null;
}
