import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

/** The committed test realm (infra/keycloak/realm/iso27001-realm.json): its name, client and users' test-only password. */
export const KEYCLOAK_REALM = 'iso27001';
export const KEYCLOAK_PORTAL_CLIENT_ID = 'iso27001-portal';
export const KEYCLOAK_TEST_PASSWORD = 'test-only-not-a-secret';

export interface TestKeycloak {
  /** Keycloak's base URL, e.g. http://127.0.0.1:8180. */
  url: string;
  /** The realm's issuer (`iss` of its tokens). */
  issuer: string;
}

/**
 * The real Keycloak of infra/keycloak with the test realm imported. Started once per machine (start.sh answers at
 * once when it already runs, as `npm test` starts it before the suites); KEYCLOAK_PORT picks another port.
 */
export async function startTestKeycloak(): Promise<TestKeycloak> {
  const { stdout } = await run('bash', [path.join(ROOT, 'infra/keycloak/start.sh')], { cwd: ROOT, env: process.env, maxBuffer: 10 * 1024 * 1024 });
  const url = stdout.trim().split('\n').pop() ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`infra/keycloak/start.sh printed no URL: ${stdout}`);
  return { url, issuer: `${url}/realms/${KEYCLOAK_REALM}` };
}

export interface DiscoveryDocument {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export async function discover(issuer: string): Promise<DiscoveryDocument> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery of ${issuer} answered ${response.status}`);
  return (await response.json()) as DiscoveryDocument;
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
}

/** Cookies a browser would keep across the login page's requests (one host, so names are enough). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0] ?? '';
      const index = pair.indexOf('=');
      if (index > 0) this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const decodeHtml = (text: string): string => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export interface SignInResult {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
}

/**
 * Signs in the way the portal does (authorization code with PKCE) by posting Keycloak's own login form over HTTP,
 * for integration tests without a browser; the browser journey does the same in Chromium. Fails with Keycloak's
 * message when the credentials are refused.
 */
export async function signInWithKeycloak(
  issuer: string,
  credentials: { username: string; password: string },
  options: { clientId?: string; redirectUri?: string } = {},
): Promise<SignInResult> {
  const clientId = options.clientId ?? KEYCLOAK_PORTAL_CLIENT_ID;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:4173/auth/callback';
  const discovery = await discover(issuer);
  const pkce = pkcePair();
  const state = base64url(randomBytes(16));
  const jar = new CookieJar();

  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  const page = await fetch(authorize, { redirect: 'manual' });
  jar.take(page);
  const html = await page.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1] ?? /<form[^>]*action="([^"]+)"[^>]*id="kc-form-login"/.exec(html)?.[1];
  if (!action) throw new Error(`Keycloak showed no login form (HTTP ${page.status}): ${html.slice(0, 300)}`);

  const submitted = await fetch(decodeHtml(action), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ username: credentials.username, password: credentials.password, credentialId: '' }),
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location?.startsWith(redirectUri)) {
    const body = await submitted.text();
    const message = /<span[^>]*id="input-error"[^>]*>([\s\S]*?)<\/span>/.exec(body)?.[1]?.trim() ?? /kc-feedback-text">([^<]*)</.exec(body)?.[1];
    throw new Error(`Keycloak refused the sign-in of ${credentials.username}: ${message ? decodeHtml(message).replace(/\s+/g, " ").trim() : `HTTP ${submitted.status}`}`);
  }
  const callback = new URL(location);
  if (callback.searchParams.get('state') !== state) throw new Error('Keycloak returned another state than the one sent');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`Keycloak redirected without a code: ${callback.searchParams.get('error_description') ?? callback.search}`);

  const tokenResponse = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: pkce.verifier }),
  });
  const tokens = (await tokenResponse.json()) as { access_token?: string; id_token?: string; refresh_token?: string; error_description?: string };
  if (!tokenResponse.ok || !tokens.access_token || !tokens.id_token) {
    throw new Error(`Keycloak's token endpoint refused the code: ${tokens.error_description ?? tokenResponse.status}`);
  }
  return { accessToken: tokens.access_token, idToken: tokens.id_token, refreshToken: tokens.refresh_token };
}
