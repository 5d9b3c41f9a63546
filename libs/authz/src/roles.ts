/** Roles of the platform (ARCHITECTURE.md, "Access"). Values travel in tokens, so they never change meaning. */
export enum Role {
  Admin = 'admin',
  IsmsManager = 'isms_manager',
  Executive = 'executive',
  RiskOwner = 'risk_owner',
  ControlOwner = 'control_owner',
  Employee = 'employee',
  InternalAuditor = 'internal_auditor',
  ExternalAuditor = 'external_auditor',
  ServiceAccount = 'service_account',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Everyone who works inside the organisation and may read programme data. */
export const INTERNAL_READERS: readonly Role[] = [
  Role.Admin,
  Role.IsmsManager,
  Role.Executive,
  Role.RiskOwner,
  Role.ControlOwner,
  Role.InternalAuditor,
  Role.ServiceAccount,
];

/** Internal readers plus an external auditor (whose scope the gateway and the claims narrow further). */
export const AUDIT_READERS: readonly Role[] = [...INTERNAL_READERS, Role.ExternalAuditor];

/** Who runs the programme and may change its master data. */
export const PROGRAMME_MANAGERS: readonly Role[] = [Role.Admin, Role.IsmsManager];

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
