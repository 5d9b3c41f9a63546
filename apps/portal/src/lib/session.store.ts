/** The person signed in, as the gateway's sign-in answered. */
export interface SignedInUser {
  email: string;
  name: string;
  roles: string[];
}

/** What the portal remembers about a sign-in; kept in sessionStorage so it ends with the tab. */
export interface Session {
  accessToken: string;
  user: SignedInUser;
}

const STORAGE_KEY = 'isms-portal.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    if (typeof parsed.accessToken !== 'string' || !parsed.user || !Array.isArray(parsed.user.roles)) return null;
    return { accessToken: parsed.accessToken, user: parsed.user };
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Read at request time by the Apollo link, so a new sign-in is used without rebuilding the client. */
export function currentAccessToken(): string | null {
  return loadSession()?.accessToken ?? null;
}
