import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { fetchGatewayJson } from './errors';
import type { SignedInUser } from './session.store';

/** Where the portal signs in, as the gateway serves it at /portal-config.json: one build for any OpenID provider. */
export interface PortalAuthConfig {
  authority: string;
  clientId: string;
  scope: string;
}

/** The portal's own addresses the provider sends people back to (registered with the provider's client). */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/signed-out';

let manager: Promise<UserManager> | null = null;

async function loadConfig(): Promise<PortalAuthConfig> {
  const config = await fetchGatewayJson<Partial<PortalAuthConfig>>('/portal-config.json');
  if (typeof config.authority !== 'string' || !config.authority || typeof config.clientId !== 'string' || !config.clientId) {
    throw new Error('The platform has not said where to sign in yet (no identity provider in /portal-config.json). Try again in a moment.');
  }
  return { authority: config.authority, clientId: config.clientId, scope: config.scope || 'openid profile email' };
}

/**
 * The OpenID Connect client (oidc-client-ts): authorization code flow with PKCE, tokens in sessionStorage (they end
 * with the tab), renewed before they expire with the refresh token.
 */
export function userManager(): Promise<UserManager> {
  if (!manager) {
    manager = loadConfig().then(
      (config) =>
        new UserManager({
          authority: config.authority,
          client_id: config.clientId,
          scope: config.scope,
          response_type: 'code',
          redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
          post_logout_redirect_uri: `${window.location.origin}${SIGNED_OUT_PATH}`,
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
          automaticSilentRenew: true,
          loadUserInfo: false,
        }),
    );
    manager.catch(() => {
      manager = null;
    });
  }
  return manager;
}

/**
 * The roles the person holds in the product as well: a role assignment (over a unit, to the person or one of their
 * identity-provider groups) gives a role the token does not carry. Without an answer (an auditor without a grant, a
 * service that is down) the token's roles stand.
 */
async function assignedRoles(accessToken: string): Promise<string[]> {
  try {
    const answer = await fetchGatewayJson<{ data?: { myAccess?: { roles?: unknown } } }>('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: 'query SessionAccess { myAccess { roles } }' }),
    });
    const roles = answer.data?.myAccess?.roles;
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string').map((role) => role.toLowerCase()) : [];
  } catch {
    return [];
  }
}

/** Who the gateway takes this access token for: name, e-mail and the roles it derived (from groups, too) and assigned. */
export async function whoAmI(accessToken: string): Promise<SignedInUser> {
  const me = await fetchGatewayJson<Partial<SignedInUser>>('/me', { headers: { authorization: `Bearer ${accessToken}` } });
  if (typeof me.email !== 'string' || typeof me.name !== 'string' || !Array.isArray(me.roles)) {
    throw new Error('The platform answered /me without the person signed in.');
  }
  const assigned = await assignedRoles(accessToken);
  return { email: me.email, name: me.name, roles: [...new Set([...me.roles, ...assigned])] };
}
