/**
 * The real Keycloak of infra/keycloak with the committed test realm: started once per machine (start.sh answers at
 * once when it already runs, as `npm test` starts it before the suites), for the suites and the journey that prove
 * sign-in against a provider other than the embedded one. KEYCLOAK_PORT picks another port.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { oidcLogin, OidcTokens } from './oidc-login';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** The test realm (infra/keycloak/realm/iso27001-realm.json): its name, the portal's client, the users' test-only password. */
export const KEYCLOAK_REALM = 'iso27001';
export const KEYCLOAK_PORTAL_CLIENT_ID = 'iso27001-portal';
export const KEYCLOAK_TEST_PASSWORD = 'test-only-not-a-secret';
/** A redirect URI the realm registers for the portal (the portal's preview port); scripts never follow it. */
export const KEYCLOAK_SCRIPT_REDIRECT_URI = 'http://127.0.0.1:4173/auth/callback';

export interface LocalKeycloak {
  /** Keycloak's base URL, e.g. http://127.0.0.1:8180. */
  url: string;
  /** The realm's issuer (`iss` of its tokens). */
  issuer: string;
  /** True when this call started it; false when it was running already. */
  startedNow: boolean;
  /** Stops it if this call started it; a Keycloak that was already running keeps running. */
  stop(): Promise<void>;
}

export async function startKeycloak(): Promise<LocalKeycloak> {
  const script = (name: string): string => path.join(ROOT, 'infra/keycloak', name);
  const { stdout } = await run('bash', [script('start.sh')], { cwd: ROOT, env: process.env, maxBuffer: 10 * 1024 * 1024 });
  const url = stdout.trim().split('\n').pop() ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`infra/keycloak/start.sh printed no URL: ${stdout}`);
  const startedNow = /starting Keycloak \d/.test(stdout);
  return {
    url,
    issuer: `${url}/realms/${KEYCLOAK_REALM}`,
    startedNow,
    stop: async () => {
      if (startedNow) await run('bash', [script('stop.sh')], { cwd: ROOT, env: process.env });
    },
  };
}

/** Signs a realm user in on Keycloak's login form over HTTP (code flow with PKCE, the portal's client). */
export function keycloakLogin(issuer: string, username: string, password = KEYCLOAK_TEST_PASSWORD): Promise<OidcTokens> {
  return oidcLogin({ issuer, email: username, password, clientId: KEYCLOAK_PORTAL_CLIENT_ID, redirectUri: KEYCLOAK_SCRIPT_REDIRECT_URI });
}
