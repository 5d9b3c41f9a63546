import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ControlType } from '../catalogue/control.type';
import { OrgUnitRefType } from '../implementation/org-unit.type';
import { SoaEntryType } from './soa-entry.type';

export enum SoaDiffFieldType {
  APPLICABILITY = 'APPLICABILITY',
  REASONS = 'REASONS',
  JUSTIFICATION = 'JUSTIFICATION',
  IMPLEMENTATION_STATUS = 'IMPLEMENTATION_STATUS',
  OWNERS = 'OWNERS',
  RISKS = 'RISKS',
  POLICIES = 'POLICIES',
  EVIDENCE = 'EVIDENCE',
}
registerEnumType(SoaDiffFieldType, { name: 'SoaDiffField', description: 'A part of an SoA entry that can change between versions.' });

@ObjectType('SoaScope', { description: 'The approved ISMS scope (isms-service) the SoA applies to.' })
export class SoaScopeType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => [OrgUnitRefType])
  inScopeUnits: OrgUnitRefType[];

  @Field(() => Date)
  approvedAt: Date;
}

@ObjectType('SoaVersion', { description: 'A published, approved version of the Statement of Applicability (all 93 entries, immutable).' })
export class SoaVersionType {
  @Field(() => Int)
  number: number;

  @Field()
  note: string;

  @Field(() => ID, { description: 'The approved ISMS scope it was published against.' })
  scopeId: string;

  @Field(() => Int)
  scopeVersion: number;

  @Field({ description: 'Who approved and published it (subject of the token).' })
  approvedBy: string;

  @Field(() => String, { nullable: true })
  approvedByName: string | null;

  @Field(() => Date)
  approvedAt: Date;

  @Field(() => [SoaEntryType], { description: 'The entries as published, in catalogue order.' })
  entries: SoaEntryType[];
}

@ObjectType('SoaFieldChange')
export class SoaFieldChangeType {
  @Field(() => SoaDiffFieldType)
  field: SoaDiffFieldType;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType('SoaChangeReason', { description: 'A recorded change of an entry: when, by whom and why.' })
export class SoaChangeReasonType {
  @Field(() => Date)
  changedAt: Date;

  @Field()
  actor: string;

  @Field()
  reason: string;

  @Field(() => [SoaDiffFieldType])
  fields: SoaDiffFieldType[];
}

@ObjectType('SoaEntryDiff')
export class SoaEntryDiffType {
  @Field(() => ControlType)
  control: ControlType;

  @Field(() => [SoaFieldChangeType])
  changes: SoaFieldChangeType[];

  @Field(() => [SoaChangeReasonType], { description: 'Changes recorded for this control between the two publications.' })
  changeReasons: SoaChangeReasonType[];
}

@ObjectType('SoaVersionDiff')
export class SoaVersionDiffType {
  @Field(() => Int)
  from: number;

  @Field(() => Int)
  to: number;

  @Field(() => [SoaEntryDiffType], { description: 'Only the controls that changed, in catalogue order.' })
  entries: SoaEntryDiffType[];
}

@ObjectType('SoaCarryOverProposal')
export class SoaCarryOverProposalType {
  @Field(() => ControlType)
  control: ControlType;

  @Field()
  applicable: boolean;

  @Field()
  justification: string;

  @Field(() => [String], { description: 'The 2013 controls it comes from.' })
  sources: string[];
}

@ObjectType('SoaCarryOverSource')
export class SoaCarryOverSourceType {
  @Field()
  control2013Id: string;

  @Field()
  applicable: boolean;
}

@ObjectType('SoaCarryOverConflict')
export class SoaCarryOverConflictType {
  @Field(() => ControlType)
  control: ControlType;

  @Field(() => [SoaCarryOverSourceType])
  sources: SoaCarryOverSourceType[];

  @Field()
  message: string;
}

@ObjectType('SoaCarryOverResult')
export class SoaCarryOverResultType {
  @Field({ description: 'Whether the proposals were written to the SoA.' })
  applied: boolean;

  @Field(() => [SoaCarryOverProposalType])
  proposals: SoaCarryOverProposalType[];

  @Field(() => [SoaCarryOverConflictType])
  conflicts: SoaCarryOverConflictType[];

  @Field(() => [String], { description: 'Input ids that are not ISO/IEC 27001:2013 Annex A controls.' })
  unknown2013Ids: string[];

  @Field(() => [ControlType], { description: '2022 controls no 2013 row maps to (e.g. the new controls): decide them by hand.' })
  uncoveredControls: ControlType[];
}

export enum SoaSubmissionStatusType {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
}
registerEnumType(SoaSubmissionStatusType, { name: 'SoaSubmissionStatus' });

@ObjectType('SoaVersionSubmission', {
  description: 'The SoA submitted for approval as the next version: published once someone other than its submitter and the people who changed it since the last version approves it.',
})
export class SoaVersionSubmissionType {
  @Field(() => ID)
  id: string;

  @Field(() => SoaSubmissionStatusType)
  status: SoaSubmissionStatusType;

  @Field()
  note: string;

  @Field(() => Int)
  scopeVersion: number;

  @Field({ description: 'Who submitted it (subject of the token).' })
  submittedBy: string;

  @Field(() => String, { nullable: true })
  submittedByName: string | null;

  @Field()
  submittedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who approved or rejected it.' })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  decisionNote: string | null;

  @Field(() => Int, { nullable: true, description: 'The version number it was published as, once approved.' })
  publishedNumber: number | null;
}
