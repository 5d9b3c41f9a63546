import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { PlatformRoleType } from '../access/role-assignment.type';
import { OrgUnitType } from '../org-units/org-unit.type';

export enum ServiceAccountStatusType {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ServiceAccountStatusType, { name: 'ServiceAccountStatus', description: 'Whether a service account token is accepted.' });

@ObjectType('ServiceAccount', { description: "A platform team's API identity: roles, units, expiry and last use; its token is shown once." })
export class ServiceAccountType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => [PlatformRoleType])
  roles: PlatformRoleType[];

  @Field(() => [ID], { description: 'The units it reaches (each with its sub-units).' })
  unitIds: string[];

  @Field({ description: 'The first characters of its current token, to tell which one a system holds.' })
  tokenPrefix: string;

  @Field()
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => ServiceAccountStatusType)
  status: ServiceAccountStatusType;

  @Field()
  createdBy: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  rotatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokedBy: string | null;

  /** Resolved by the field resolver. */
  units?: OrgUnitType[];
}

@ObjectType('ServiceAccountToken', { description: 'A service account with its token, shown this once: store it in a secret manager now.' })
export class ServiceAccountTokenType {
  @Field({ description: 'Send as "Authorization: Bearer <token>". It is not stored and cannot be shown again.' })
  token: string;

  @Field(() => ServiceAccountType)
  account: ServiceAccountType;
}
