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

/*
 * Groups named by what they may do, shared by the resolvers of every service: a service never keeps a role list
 * of its own, so a role's reach can be read here in one place.
 */

/** Top management (clause 5.1): approves the ISMS scope and records management commitment. */
export const TOP_MANAGEMENT: readonly Role[] = [Role.Admin, Role.Executive];

/** Who approves an SoA version or a methodology version that someone else submitted (never their own work). */
export const PUBLICATION_APPROVERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.Executive];

/** Who changes the risk register: risks, assets, actions, assessments, imports and assessment runs. */
export const RISK_EDITORS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.RiskOwner];

/**
 * Who may sign a residual-risk acceptance: whoever owns the risk, whatever their role (the service checks that the
 * caller is the owner). Auditors and service accounts never sign.
 */
export const RISK_ACCEPTANCE_SIGNERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.Executive, Role.RiskOwner, Role.ControlOwner, Role.Employee];

/** Who records how a control is implemented in a department. */
export const CONTROL_IMPLEMENTERS: readonly Role[] = [...PROGRAMME_MANAGERS, Role.ControlOwner];

/** Who collects evidence and reviews it (segregation of duties is checked per item). */
export const EVIDENCE_MANAGERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.ControlOwner];

/** Roles a policy can name as its approver; which one a given policy needs is checked per policy. */
export const POLICY_APPROVERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.Executive, Role.RiskOwner, Role.ControlOwner];

/** Programme readers, plus employees, who read the policy versions in force they must acknowledge. */
export const POLICY_READERS: readonly Role[] = [...AUDIT_READERS, Role.Employee];

/** Programme readers, plus employees, who see the courses and their own assignments (the service narrows rows). */
export const TRAINING_READERS: readonly Role[] = [...AUDIT_READERS, Role.Employee];

/** Anyone who can be a trainee and complete an assignment: every role but the external auditor's. */
export const TRAINEES: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.ExternalAuditor);

/** Anyone who works in the organisation and can be asked to acknowledge a policy (no external auditor, no service account). */
export const STAFF: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.ExternalAuditor && role !== Role.ServiceAccount);

/** Who raises audit findings: internal and external auditors (an external one on their engagement) and the programme managers. */
export const FINDING_RAISERS: readonly Role[] = [Role.InternalAuditor, Role.ExternalAuditor, ...PROGRAMME_MANAGERS];

/**
 * Who judges a corrective action's effectiveness and closes findings: auditors only (an external one on their
 * engagement), never the auditee's programme managers, and never someone who took part in the action.
 */
export const FINDING_JUDGES: readonly Role[] = [Role.InternalAuditor, Role.ExternalAuditor];

/** Who may open a corrective action: its owner (anyone on the staff), audit readers, an external auditor on their engagement. */
export const CORRECTIVE_ACTION_READERS: readonly Role[] = [...STAFF, Role.ExternalAuditor];

/**
 * Who reads a service's audit trail (who changed what, when, before and after): administrators and auditors. An
 * external auditor reads only the rows of their grant (see libs/platform/src/audit-trail/audit-trail.scope.ts).
 */
export const AUDIT_TRAIL_READERS: readonly Role[] = [Role.Admin, Role.InternalAuditor, Role.ExternalAuditor];

/** Who manages role assignments (who is responsible for which units): the platform administrator only. */
export const ROLE_ADMINISTRATORS: readonly Role[] = [Role.Admin];

/** Who may read role assignments (who is responsible for what): administrators, programme management, internal audit. */
export const ROLE_ASSIGNMENT_READERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.InternalAuditor];

/** Who reads external auditors' grants and their access logs: programme management, administrators, internal audit. */
export const AUDIT_GRANT_READERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.InternalAuditor];
