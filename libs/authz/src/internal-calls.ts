/**
 * What audit-service answers the gateway for an external auditor's grant (its internal endpoints), and what the
 * gateway binds the auditor's requests to: one shape for both sides.
 */
export interface AuditGrantClaims {
  grantId: string;
  organisationId: string;
  engagementId: string;
  auditorName: string;
  auditorEmail: string;
  unitIds: string[];
  /** `YYYY-MM-DD`, inclusive. */
  periodStart: string;
  periodEnd: string;
  /** ISO 8601. */
  expiresAt: string;
}
