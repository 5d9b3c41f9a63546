import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { InternalOnly } from '@iso27001/platform';

export enum ScopeStatusType {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ScopeStatusType, { name: 'IsmsScopeStatus', description: 'A scope version is drafted, submitted to top management (locked while it waits), approved, then superseded by the next approval; top management may return a submission to draft with a comment.' });

@ObjectType('IsmsScopeExclusion', { description: 'Something left out of the ISMS, with the reason (clause 4.3).' })
export class ScopeExclusionType {
  @Field()
  item: string;

  @Field()
  justification: string;
}

@ObjectType('IsmsScopeVersion', { description: 'One version of the ISMS scope statement (clause 4.3). The SoA and audits refer to an approved version.' })
@Directive('@key(fields: "id")')
export class ScopeVersionType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => ScopeStatusType)
  status: ScopeStatusType;

  @Field({ description: 'The scope statement as it appears on the certificate.' })
  statement: string;

  @Field(() => [ID])
  inScopeUnitIds: string[];

  @Field(() => [String])
  locations: string[];

  @Field(() => [String], { description: 'Systems and asset categories in scope.' })
  systems: string[];

  @Field(() => [String], { description: 'Interfaces and dependencies with activities outside the scope.' })
  interfaces: string[];

  @Field(() => [ScopeExclusionType])
  exclusions: ScopeExclusionType[];

  @Field(() => ID, { nullable: true, description: 'The version this draft started from.' })
  basedOnId: string | null;

  @Field()
  createdBy: string;

  @Field(() => [String], { description: 'Who wrote this version (token subjects): whoever started the draft and whoever edited it. None of them may approve it.' })
  contributorSubs: string[];

  @Field(() => Date, { nullable: true, description: 'When the version was last submitted for approval.' })
  submittedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who submitted it (from the verified claims).' })
  submittedByName: string | null;

  @InternalOnly('review comments between programme management and top management on a draft')
  @Field(() => String, { nullable: true, description: 'Why top management returned the last submission to draft.' })
  returnComment: string | null;

  @Field(() => String, { nullable: true, description: 'Subject (user id) of the approver, from the verified claims.' })
  approvedBySub: string | null;

  @Field(() => String, { nullable: true })
  approvedByName: string | null;

  @Field(() => ID, { nullable: true })
  approvedByPersonId: string | null;

  @Field(() => Date, { nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  supersededAt: Date | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}
