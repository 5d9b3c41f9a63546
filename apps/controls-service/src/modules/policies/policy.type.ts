import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PolicyVersionStatusType {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(PolicyVersionStatusType, {
  name: 'PolicyVersionStatus',
  description:
    'DRAFT → SUBMITTED (by a programme manager; locked while it waits) → APPROVED (by the policy\'s approver role, never by its author or submitter) → ' +
    'PUBLISHED → RETIRED (superseded by a later publication or withdrawn). A SUBMITTED version may be returned to DRAFT with a comment.',
});

export enum PolicyApproverRoleType {
  ADMIN = 'admin',
  ISMS_MANAGER = 'isms_manager',
  EXECUTIVE = 'executive',
  RISK_OWNER = 'risk_owner',
  CONTROL_OWNER = 'control_owner',
}
registerEnumType(PolicyApproverRoleType, {
  name: 'PolicyApproverRole',
  description: 'The role whose holder must approve a policy\'s versions, e.g. EXECUTIVE for the top-level information security policy.',
});

export enum PolicyStateType {
  NOT_PUBLISHED = 'NOT_PUBLISHED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(PolicyStateType, {
  name: 'PolicyState',
  description: 'NOT_PUBLISHED until a first version is published; PUBLISHED while a version is in force; RETIRED once withdrawn.',
});

@ObjectType('PolicyAudience', { description: 'Who must acknowledge a policy: everyone, or the people of some units and job roles.' })
export class PolicyAudienceType {
  @Field()
  everyone: boolean;

  @Field(() => [ID], { description: 'Organisation units (isms-service) whose people are in the audience.' })
  unitIds: string[];

  @Field(() => [String], { description: 'Job roles (as recorded on people in isms-service, matched ignoring case).' })
  jobRoles: string[];
}

@ObjectType('PolicyFile', { description: 'An uploaded policy document; its bytes come from `policyVersionFile`.' })
export class PolicyFileType {
  @Field()
  name: string;

  @Field()
  contentType: string;

  @Field({ description: 'SHA-256 of the bytes, hex.' })
  sha256: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size: number;
}

@ObjectType('PolicyFileContent', { description: 'An uploaded policy document with its bytes.' })
export class PolicyFileContentType extends PolicyFileType {
  @Field({ description: 'The bytes, base64.' })
  contentBase64: string;
}

@ObjectType('PolicyVersion', { description: 'One version of a policy, numbered major.minor.' })
export class PolicyVersionType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  policyId: string;

  @Field({ description: '"major.minor", e.g. "2.1".' })
  version: string;

  @Field(() => Int)
  major: number;

  @Field(() => Int)
  minor: number;

  @Field(() => PolicyVersionStatusType)
  status: PolicyVersionStatusType;

  @Field(() => String, { nullable: true })
  changeSummary: string | null;

  @Field(() => String, { nullable: true, description: 'The policy text in Markdown, unless the version is an uploaded file.' })
  body: string | null;

  @Field(() => PolicyFileType, { nullable: true })
  file: PolicyFileType | null;

  @Field({
    description:
      "SHA-256 of the version's content (the file's bytes, or the Markdown as UTF-8): what an acknowledgement records, and what the reader passes to acknowledgePolicy to prove which text they read.",
  })
  contentSha256: string;

  @Field({ description: 'User id (token subject) of the author.' })
  authorId: string;

  @Field()
  authorName: string;

  @Field(() => [String], {
    description: 'User ids (token subjects) of everyone who wrote this version: its author, whoever revised the draft, whoever changed the policy\'s settings while it was open. None of them may approve it.',
  })
  contributorIds: string[];

  @Field(() => Date, { nullable: true, description: 'When the version was last submitted for approval (null for a draft never submitted).' })
  submittedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'User id (token subject) of who last submitted it; they may not approve it.' })
  submittedById: string | null;

  @Field(() => String, { nullable: true, description: 'Who last submitted it for approval (from the verified claims).' })
  submittedByName: string | null;

  @Field(() => String, { nullable: true, description: 'Why the last submission was returned to draft: what its author should change. Cleared when it is submitted again.' })
  returnComment: string | null;

  @Field(() => Date, { nullable: true, description: 'When the last submission was returned to draft.' })
  returnedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who returned the last submission to draft (the approver, or a programme manager withdrawing it).' })
  returnedByName: string | null;

  @Field(() => String, { nullable: true })
  approvedById: string | null;

  @Field(() => String, { nullable: true })
  approvedByName: string | null;

  @Field(() => PolicyApproverRoleType, { nullable: true, description: 'The role the approver held and approved as.' })
  approvedAsRole: PolicyApproverRoleType | null;

  @Field(() => Date, { nullable: true })
  approvedAt: Date | null;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, { nullable: true })
  retiredAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType('Policy', { description: 'A policy document with versions, an approver role, an audience and linked Annex A controls.' })
@Directive('@key(fields: "id")')
export class PolicyType {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => PolicyApproverRoleType)
  approverRole: PolicyApproverRoleType;

  @Field(() => PolicyAudienceType)
  audience: PolicyAudienceType;

  @Field(() => Int, { description: 'Months between reviews (12 unless set otherwise).' })
  reviewIntervalMonths: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: publication date of the version in force + review interval.' })
  reviewDueOn: string | null;

  @Field(() => PolicyStateType)
  state: PolicyStateType;

  /** Resolved to `controls` and `publishedVersion`/`versions` by field resolvers. */
  controlIds: string[];
  publishedVersionId: string | null;
}

@ObjectType('PolicyConnection', { description: 'One page of policies and how many match the filters over all pages.' })
export class PolicyConnectionType {
  @Field(() => Int, { description: 'Policies matching the filters, over all pages.' })
  totalCount: number;

  @Field(() => [PolicyType], { description: 'The policies of this page, in order.' })
  nodes: PolicyType[];
}
