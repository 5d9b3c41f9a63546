/** The person signed in, as the gateway takes their token (GET /me). */
export interface SignedInUser {
  email: string;
  name: string;
  roles: string[];
}

/** What the portal knows about a sign-in. The tokens themselves are kept by oidc-client-ts (sessionStorage). */
export interface Session {
  accessToken: string;
  user: SignedInUser;
}

let accessToken: string | null = null;

/** Set by the session provider whenever a sign-in, a renewal or a sign-out changes the token. */
export function setCurrentAccessToken(token: string | null): void {
  accessToken = token;
}

let unauthenticated: (() => void) | null = null;

/** The session provider's reaction when the platform refuses the token (HTTP 401): the session has ended. */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticated = handler;
}

export function reportUnauthenticated(): void {
  unauthenticated?.();
}

/** Read at request time by the Apollo link, so a renewed token is used without rebuilding the client. */
export function currentAccessToken(): string | null {
  return accessToken;
}
