import { hkdfSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { AuditGrantClaims, Claims, claimsSchema, Role } from '@iso27001/authz';
import { AuthenticationError } from '../auth/authenticate';
import { postInternal } from '../internal-calls';

/** An auditor's request refused because of their grant (revoked, expired, none): answered 403 in words. */
export class GrantRefused extends Error {}

const ISSUER = 'iso27001-gateway';
const AUDIENCE = 'iso27001-auditor-session';
const SESSION_SECONDS = 8 * 60 * 60;

/**
 * External auditors work under a grant for one engagement. Whether they signed in at the identity provider or
 * redeemed a one-time invitation, every request is checked against the grant in audit-service (which logs it), so a
 * revoked or expired grant counts from the next request; the subgraphs receive the grant's units, period and
 * engagement in the claims and read nothing else.
 */
export class AuditorGrants {
  private readonly key: Uint8Array;

  constructor(
    private readonly auditOrigin: string | null,
    private readonly secret: string,
  ) {
    // The session key is derived from the gateway's secret for this one purpose; a claims token never verifies as a session.
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'iso27001', 'auditor-session', 32));
  }

  private async call<T>(path: string, body: unknown): Promise<{ status: number; body: T & { error?: string } }> {
    const answer = await postInternal<T>(this.auditOrigin, this.secret, path, body);
    if ('failed' in answer) {
      throw new GrantRefused(
        answer.failed === 'not-configured' ? 'audit grants cannot be checked: audit-service is not configured' : 'audit grants cannot be checked right now: try again in a moment',
      );
    }
    return answer;
  }

  /** A bearer that is one of this gateway's auditor sessions (HS256), not an identity provider's token. */
  isSession(authorization: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) return false;
    try {
      return decodeProtectedHeader(token).alg === 'HS256';
    } catch {
      return false;
    }
  }

  async verifySession(authorization: string | undefined): Promise<Claims> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'grant_id'] }));
    } catch (error) {
      throw new AuthenticationError(`auditor session rejected: ${(error as Error).message}`);
    }
    const parsed = claimsSchema.safeParse({
      sub: payload['sub'],
      organisationId: payload['org_id'],
      email: payload['email'],
      name: payload['name'],
      roles: [Role.ExternalAuditor],
      grantId: payload['grant_id'],
    });
    if (!parsed.success) throw new AuthenticationError('auditor session malformed');
    return parsed.data;
  }

  /** Redeems a one-time invitation: a session token bound to the grant, valid 8 hours at most and never beyond the grant. */
  async redeem(code: string, requestId: string): Promise<{ accessToken: string; expiresAt: string; grant: AuditGrantClaims }> {
    const { status, body } = await this.call<{ grant: AuditGrantClaims }>('/grants/redeem', { code, requestId });
    if (status !== 200) throw new GrantRefused(body.error ?? 'the invitation was refused');
    const grant = body.grant;
    const expiresAt = Math.min(Date.now() + SESSION_SECONDS * 1000, Date.parse(grant.expiresAt));
    const accessToken = await new SignJWT({ org_id: grant.organisationId, email: grant.auditorEmail, name: grant.auditorName, grant_id: grant.grantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(`auditor:${grant.grantId}`)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { accessToken, expiresAt: new Date(expiresAt).toISOString(), grant };
  }

  /**
   * For an external auditor's request: checks (and logs) it against the grant and returns the claims the subgraphs
   * get — the grant's engagement, units and period, and the external auditor's role only. Other callers pass as they are.
   */
  async bind(claims: Claims, detail: string, requestId: string, chosenGrant: string | undefined): Promise<Claims> {
    if (!claims.roles.includes(Role.ExternalAuditor)) return claims;
    let grantId = claims.grantId;
    if (!grantId) {
      const found = await this.call<{ grant: AuditGrantClaims }>('/grants/for-auditor', { organisationId: claims.organisationId, email: claims.email, grantId: chosenGrant });
      if (found.status !== 200) throw new GrantRefused(found.body.error ?? 'no active audit grant');
      grantId = found.body.grant.grantId;
    }
    const { status, body } = await this.call<{ grant: AuditGrantClaims }>('/grants/check', { organisationId: claims.organisationId, grantId, detail: detail || 'request', requestId });
    if (status !== 200) throw new GrantRefused(body.error ?? 'the audit grant was refused');
    const grant = body.grant;
    return {
      ...claims,
      roles: [Role.ExternalAuditor],
      organisationId: grant.organisationId,
      grantId: grant.grantId,
      engagementId: grant.engagementId,
      unitIds: grant.unitIds,
      grantExpiresAt: grant.expiresAt,
      periodStart: grant.periodStart,
      periodEnd: grant.periodEnd,
    };
  }
}

/** What an auditor's request asked for, for the access log: the operation and its name, without variables. */
export function describeRequest(body: unknown): string {
  const request = (body ?? {}) as { query?: unknown; operationName?: unknown };
  const query = typeof request.query === 'string' ? request.query.replace(/\s+/g, ' ').trim() : '';
  const name = typeof request.operationName === 'string' ? request.operationName : (/^(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query)?.[1] ?? null);
  return `${name ? `${name}: ` : ''}${query.slice(0, 500)}`;
}
