import { Claims, claimsSchema } from '@iso27001/authz';
import { postInternal } from '../internal-calls';
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
    const answer = await postInternal<{ identity?: Record<string, unknown> }>(this.ismsOrigin, this.secret, '/service-accounts/verify', { token });
    if ('failed' in answer) {
      throw new AuthenticationError(
        answer.failed === 'not-configured'
          ? 'service account tokens cannot be checked: isms-service is not configured'
          : 'service account tokens cannot be checked right now: try again in a moment',
      );
    }
    const { status, body } = answer;
    if (status !== 200 || !body.identity) throw new AuthenticationError(`token rejected: ${body.error ?? 'unknown service account token'}`);
    const parsed = claimsSchema.safeParse(body.identity);
    if (!parsed.success) throw new AuthenticationError('token rejected: the service account is malformed');
    return parsed.data;
  }
}
