import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '@iso27001/authz';
import { OrgUnitType } from '../org-units/org-unit.type';

/** The platform's roles as the API shows them (values as in tokens, names in capitals). */
export enum PlatformRoleType {
  ADMIN = Role.Admin,
  ISMS_MANAGER = Role.IsmsManager,
  EXECUTIVE = Role.Executive,
  RISK_OWNER = Role.RiskOwner,
  CONTROL_OWNER = Role.ControlOwner,
  EMPLOYEE = Role.Employee,
  INTERNAL_AUDITOR = Role.InternalAuditor,
  EXTERNAL_AUDITOR = Role.ExternalAuditor,
  SERVICE_ACCOUNT = Role.ServiceAccount,
}
registerEnumType(PlatformRoleType, { name: 'PlatformRole', description: 'A role of the platform.' });

@ObjectType('RoleAssignment', { description: 'A role over a unit and its sub-units, given to a person or to an identity-provider group.' })
export class RoleAssignmentType {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true, description: 'The person it is given to; null when it is given to a group.' })
  personId: string | null;

  @Field(() => String, { nullable: true, description: "The identity provider's group it is given to (everyone in it); null for a person." })
  group: string | null;

  @Field(() => PlatformRoleType)
  role: PlatformRoleType;

  @Field(() => ID, { description: 'The unit the role reaches, with all its sub-units.' })
  unitId: string;

  @Field({ description: 'False once revoked.' })
  active: boolean;

  @Field({ description: 'Who gave it (name).' })
  grantedBy: string;

  @Field()
  grantedAt: Date;

  @Field(() => String, { nullable: true })
  revokedBy: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType('RoleAssignmentConnection')
export class RoleAssignmentConnectionType {
  @Field(() => Int)
  totalCount: number;

  @Field(() => [RoleAssignmentType])
  nodes: RoleAssignmentType[];
}

@ObjectType('MyAccess', { description: "What the signed-in person reaches: their roles (the token's and their assignments') and units." })
export class MyAccessType {
  @Field(() => [PlatformRoleType])
  roles: PlatformRoleType[];

  @Field({ description: 'True when a role reaches the whole organisation.' })
  organisationWide: boolean;

  @Field(() => [OrgUnitType], { description: 'The units of the role assignments (each with its sub-units), by name.' })
  units: OrgUnitType[];

  @Field(() => Int, { description: 'How many units the caller reaches, sub-units and units the token names included.' })
  unitCount: number;
}
