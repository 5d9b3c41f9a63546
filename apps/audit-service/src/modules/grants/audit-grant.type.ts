import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditGrantStatusType {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(AuditGrantStatusType, { name: 'AuditGrantStatus', description: 'Whether an external auditor can still use a grant.' });

@ObjectType('AuditGrant', { description: "An external auditor's access to one engagement: its units, observation period and expiry." })
export class AuditGrantType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  engagementId: string;

  @Field()
  auditorName: string;

  @Field()
  auditorEmail: string;

  @Field()
  firm: string;

  @Field(() => [ID], { description: 'The units in scope; the auditor reads their records (sub-units included) and nothing else.' })
  unitIds: string[];

  @Field(() => [String], { description: 'Names of those units, as far as this service knows them.' })
  unitNames: string[];

  @Field({ description: 'First day of the observation period (YYYY-MM-DD).' })
  periodStart: string;

  @Field({ description: 'Last day of the observation period (YYYY-MM-DD).' })
  periodEnd: string;

  @Field()
  expiresAt: Date;

  @Field(() => AuditGrantStatusType)
  status: AuditGrantStatusType;

  @Field({ description: 'Who granted it (name).' })
  grantedBy: string;

  @Field()
  grantedAt: Date;

  @Field(() => String, { nullable: true })
  revokedBy: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last request the auditor made under it.' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when an invitation that has not been used yet can be redeemed.' })
  invitationExpiresAt: Date | null;
}

@ObjectType('AuditorInvitation', { description: 'A one-time invitation for the auditor of a grant; the code is shown once and never stored.' })
export class AuditorInvitationType {
  @Field()
  code: string;

  @Field()
  expiresAt: Date;

  @Field(() => AuditGrantType)
  grant: AuditGrantType;
}

@ObjectType('AuditorAccessLogEntry', { description: 'What an external auditor did under a grant: signed in, asked, downloaded, or was refused.' })
export class AuditorAccessLogEntryType {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field({ description: 'SIGN_IN, REQUEST, DOWNLOAD or REFUSED.' })
  kind: string;

  @Field()
  detail: string;
}

@ObjectType('AuditorAccessLogPage')
export class AuditorAccessLogPageType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [AuditorAccessLogEntryType])
  nodes: AuditorAccessLogEntryType[];
}
