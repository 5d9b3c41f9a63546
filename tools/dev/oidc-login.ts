/**
 * Signs in at an OpenID provider over plain HTTP, as a browser would: the authorization code flow with PKCE through
 * the provider's own login page (GET authorize → login form → POST e-mail and password → consent if asked → code →
 * token). No backdoor: demo seeding and tests get their tokens the way the portal does. Works against the gateway's
 * embedded provider; another provider's login form works when its fields are named like ours (email/username,
 * password) — Keycloak's are.
 */
import { createHash, randomBytes } from 'node:crypto';
import { TOOLS_CLIENT_ID, TOOLS_REDIRECT_URI } from '../../apps/gateway/src/oidc/clients';

/** The embedded provider's client for scripts and tests (a native app with a loopback redirect). */
export const TOOLS_CLIENT = { clientId: TOOLS_CLIENT_ID, redirectUri: TOOLS_REDIRECT_URI } as const;

export interface OidcLoginOptions {
  issuer: string;
  email: string;
  password: string;
  clientId?: string;
  redirectUri?: string;
  scope?: string;
}

export interface OidcTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresIn: number;
  /** The provider's session cookies of this sign-in (a browser's cookie jar), for signing out of it. */
  sessionCookies?: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
  revocation_endpoint?: string;
}

/** A cookie jar good enough for one sign-in against one host. */
class Cookies {
  private readonly values = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const index = pair.indexOf('=');
      if (index > 0) this.values.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const discoveries = new Map<string, Promise<Discovery>>();

export function discover(issuer: string): Promise<Discovery> {
  let found = discoveries.get(issuer);
  if (!found) {
    found = fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`discovery of ${issuer} failed: ${response.status}`);
      return (await response.json()) as Discovery;
    });
    found.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, found);
  }
  return found;
}

function formAction(html: string, base: string): string {
  const action = /<form[^>]*\saction="([^"]+)"/i.exec(html)?.[1];
  if (!action) throw new Error('the provider answered without a login form');
  return new URL(action.replace(/&amp;/g, '&'), base).toString();
}

function loginFieldName(html: string): string {
  return /name="username"/.test(html) && !/name="email"/.test(html) ? 'username' : 'email';
}

function tokensOf(body: Record<string, unknown>): OidcTokens {
  if (typeof body['access_token'] !== 'string') throw new Error(`the token endpoint answered ${JSON.stringify(body).slice(0, 200)}`);
  return {
    accessToken: body['access_token'],
    refreshToken: typeof body['refresh_token'] === 'string' ? body['refresh_token'] : undefined,
    idToken: typeof body['id_token'] === 'string' ? body['id_token'] : undefined,
    expiresIn: Number(body['expires_in'] ?? 0),
  };
}

async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
}

/** Signs `email` in with `password`; throws with the provider's words when it refuses. */
export async function oidcLogin(options: OidcLoginOptions): Promise<OidcTokens> {
  const clientId = options.clientId ?? TOOLS_CLIENT.clientId;
  const redirectUri = options.redirectUri ?? TOOLS_CLIENT.redirectUri;
  const endpoints = await discover(options.issuer);
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(endpoints.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile email',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const cookies = new Cookies();
  // Back at the client's redirect URI: the code (or the provider's refusal) is in the address.
  const finish = async (next: URL): Promise<OidcTokens> => {
    const error = next.searchParams.get('error');
    if (error) throw new Error(`sign-in of ${options.email} refused: ${next.searchParams.get('error_description') ?? error}`);
    if (next.searchParams.get('state') !== state) throw new Error('the provider returned another state');
    const code = next.searchParams.get('code');
    if (!code) throw new Error('the provider redirected back without a code');
    const token = await postForm(endpoints.token_endpoint, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
    const body = (await token.json()) as Record<string, unknown>;
    if (!token.ok) throw new Error(`token request refused: ${String(body['error_description'] ?? body['error'] ?? token.status)}`);
    return { ...tokensOf(body), sessionCookies: cookies.header() };
  };
  let url = authorize.toString();
  let response: Response | null = null;
  let submitted = false;
  for (let step = 0; step < 20; step += 1) {
    response = await fetch(url, { headers: { cookie: cookies.header() }, redirect: 'manual' });
    cookies.take(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.toString().startsWith(redirectUri)) return finish(next);
      url = next.toString();
      continue;
    }
    const html = await response.text();
    if (response.status === 401 || submitted) throw new Error(`sign-in of ${options.email} refused (${response.status}): ${/role="alert"[^>]*>([^<]+)</.exec(html)?.[1] ?? html.slice(0, 200)}`);
    if (!response.ok) throw new Error(`the provider answered ${response.status} at ${new URL(url).pathname}`);
    // The login page: post the e-mail and password to its form, as a person would.
    const action = formAction(html, url);
    const login = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.header() },
      body: new URLSearchParams({ [loginFieldName(html)]: options.email, password: options.password }),
      redirect: 'manual',
    });
    cookies.take(login);
    const next = login.headers.get('location');
    if (!next) {
      const page = await login.text();
      throw new Error(`sign-in of ${options.email} refused (${login.status}): ${/role="alert"[^>]*>([^<]+)</.exec(page)?.[1]?.trim() ?? 'no redirect after the login form'}`);
    }
    submitted = true;
    url = new URL(next, action).toString();
    // Keycloak answers the login form with the redirect to the client straight away.
    if (url.startsWith(redirectUri)) return finish(new URL(url));
  }
  throw new Error(`sign-in of ${options.email} did not finish (last answer ${response?.status ?? 'none'})`);
}

/**
 * RP-initiated logout, as the portal's sign-out does in a browser: the end-session endpoint with the ID token, then
 * the provider's confirmation form. The provider ends the session and revokes what it granted.
 */
export async function oidcLogout(issuer: string, tokens: OidcTokens): Promise<void> {
  const endpoints = await discover(issuer);
  if (!endpoints.end_session_endpoint) throw new Error(`${issuer} offers no end_session_endpoint`);
  if (!tokens.idToken) throw new Error('signing out needs the ID token of the sign-in');
  const cookies = new Cookies();
  const cookie = (): string => [tokens.sessionCookies, cookies.header()].filter(Boolean).join('; ');
  const start = new URL(endpoints.end_session_endpoint);
  start.searchParams.set('id_token_hint', tokens.idToken);
  const page = await fetch(start, { headers: { cookie: cookie() }, redirect: 'manual' });
  cookies.take(page);
  const html = await page.text();
  if (!page.ok) throw new Error(`end-session answered ${page.status}`);
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const confirm = await fetch(formAction(html, start.toString()), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ ...fields, logout: 'yes' }),
    redirect: 'manual',
  });
  if (confirm.status >= 400) throw new Error(`sign-out was refused: ${confirm.status}`);
}

/** Renews the tokens with a refresh token (rotated by the provider: use the new one next time). */
export async function oidcRefresh(issuer: string, refreshToken: string, clientId: string = TOOLS_CLIENT.clientId): Promise<OidcTokens> {
  const endpoints = await discover(issuer);
  const response = await postForm(endpoints.token_endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`refresh refused: ${String(body['error_description'] ?? body['error'] ?? response.status)}`);
  return tokensOf(body);
}

/**
 * An access token per person, signed in once and again only when the token is about to expire: for scripts and
 * suites that call the API as several demo people.
 */
export function tokenSource(issuer: string, password: string): (email: string) => Promise<string> {
  const tokens = new Map<string, Promise<{ token: string; renewAt: number }>>();
  return async (email) => {
    const cached = await tokens.get(email)?.catch(() => undefined);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const entry = oidcLogin({ issuer, email, password }).then((t) => ({ token: t.accessToken, renewAt: Date.now() + Math.max(0, t.expiresIn - 30) * 1000 }));
    entry.catch(() => tokens.delete(email));
    tokens.set(email, entry);
    return (await entry).token;
  };
}
