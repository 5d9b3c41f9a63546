import { Claims, claimsSchema, CLAIMS_HEADER, signInternalToken } from '@iso27001/authz';
import { AuthenticationError } from './authenticate';

const TOKEN = /^Bearer (iso_sa_[A-Za-z0-9_-]{43})$/;

/**
 * Service accounts' API tokens: not JWTs but random secrets, checked on every request against isms-service (which
 * holds only their SHA-256), so a revoked, rotated-away or expired token is refused from the next request.
 */
export class ServiceAccountTokens {
  constructor(
    private readonly ismsOrigin: string | null,
    private readonly secret: string,
  ) {}

  accepts(authorization: string | undefined): boolean {
    return (authorization ?? '').startsWith('Bearer iso_sa_');
  }

  async verify(authorization: string | undefined): Promise<Claims> {
    const token = TOKEN.exec(authorization ?? '')?.[1];
    if (!token) throw new AuthenticationError('malformed service account token');
    if (!this.ismsOrigin) throw new AuthenticationError('service account tokens cannot be checked: isms-service is not configured');
    let response: Response;
    try {
      response = await fetch(`${this.ismsOrigin}/internal/service-accounts/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signInternalToken(this.secret) },
        body: JSON.stringify({ token }),
      });
    } catch {
      throw new AuthenticationError('service account tokens cannot be checked right now: try again in a moment');
    }
    const body = (await response.json().catch(() => ({}))) as { identity?: Record<string, unknown>; error?: string };
    if (response.status !== 200 || !body.identity) throw new AuthenticationError(`token rejected: ${body.error ?? 'unknown service account token'}`);
    const parsed = claimsSchema.safeParse(body.identity);
    if (!parsed.success) throw new AuthenticationError('token rejected: the service account is malformed');
    return parsed.data;
  }
}
