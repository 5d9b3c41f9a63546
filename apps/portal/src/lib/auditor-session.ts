import { fetchGatewayJson } from './errors';

/**
 * An external auditor who redeemed a one-time invitation works with a session the gateway issued for their grant
 * (not an identity provider's token). It is kept for the tab only and ends with the grant.
 */
export interface AuditorSession {
  accessToken: string;
  expiresAt: string;
}

const KEY = 'isms-portal.auditor-session';

export function storedAuditorSession(now = Date.now()): AuditorSession | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Partial<AuditorSession>;
    if (typeof session.accessToken === 'string' && typeof session.expiresAt === 'string' && Date.parse(session.expiresAt) > now) {
      return { accessToken: session.accessToken, expiresAt: session.expiresAt };
    }
  } catch {
    // unreadable: forgotten below
  }
  sessionStorage.removeItem(KEY);
  return null;
}

export function keepAuditorSession(session: AuditorSession): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function forgetAuditorSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Redeems an invitation at the gateway: the session, or why not (used, expired, revoked) in words. */
export async function redeemInvitation(code: string): Promise<AuditorSession> {
  const answer = await fetchGatewayJson<Partial<AuditorSession>>('/auth/auditor-invitation', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (typeof answer.accessToken !== 'string' || typeof answer.expiresAt !== 'string') throw new Error('The platform answered the invitation without a session.');
  return { accessToken: answer.accessToken, expiresAt: answer.expiresAt };
}
