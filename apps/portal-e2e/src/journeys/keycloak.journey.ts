import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { KEYCLOAK_PORTAL_CLIENT_ID, KEYCLOAK_TEST_PASSWORD, keycloakLogin } from '../../../../tools/dev/keycloak';
import { discover } from '../../../../tools/dev/oidc-login';
import { SCREENS_DIR } from '../support/portal';

/** Set by src/run.ts, which starts Keycloak with the test realm and a gateway that trusts only Keycloak. */
const issuer = process.env['KEYCLOAK_ISSUER'] ?? '';
const gateway = process.env['KEYCLOAK_GATEWAY_URL'] ?? '';
const portalUrl = process.env['KEYCLOAK_PORTAL_URL'] ?? '';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A PKCE pair (RFC 7636, S256). */
function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function graphql<T>(page: Page, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Body<T> }> {
  const response = await page.request.post(`${gateway}/graphql`, { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status(), body: (await response.json()) as Body<T> };
}

/**
 * Signs in on Keycloak's own login page in Chromium with the authorization code flow and PKCE, as the portal's
 * client, and returns the access token the code is exchanged for. The redirect back is answered here (the code is all
 * the journey needs from it).
 */
async function signInOnKeycloakPage(page: Page, username: string, password: string, shot?: (name: string) => Promise<void>): Promise<string> {
  const discovery = await discover(issuer);
  const redirectUri = `${portalUrl}/auth/keycloak-callback`;
  const pkce = pkcePair();
  const state = randomBytes(12).toString('base64url');
  await page.route(`${redirectUri}?**`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Signed in</title><h1>Signed in</h1></html>' }));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: KEYCLOAK_PORTAL_CLIENT_ID,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }).toString();
  await page.goto(authorize.toString());
  // Keycloak's own login form, on Keycloak's origin.
  await expect(page.locator('#kc-form-login')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(issuer).origin);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await shot?.('keycloak-login');
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));
  const callback = new URL(page.url());
  expect(callback.searchParams.get('state')).toBe(state);
  const code = callback.searchParams.get('code');
  expect(code, 'Keycloak redirected back with a code').toBeTruthy();
  const exchanged = await page.request.post(discovery.token_endpoint, {
    form: { grant_type: 'authorization_code', code: code ?? '', redirect_uri: redirectUri, client_id: KEYCLOAK_PORTAL_CLIENT_ID, code_verifier: pkce.verifier },
  });
  expect(exchanged.ok(), 'the token endpoint accepts the code with its PKCE verifier').toBe(true);
  return ((await exchanged.json()) as { access_token: string }).access_token;
}

test.describe('sign-in through Keycloak', () => {
  test.skip(!issuer || !gateway || !portalUrl, 'needs the Keycloak front that apps/portal-e2e/src/run.ts starts');

  test("a control owner in a Keycloak group signs in on Keycloak's page; the group gives the role and, by the product's assignment, the unit", async ({ page }) => {
    const dir = path.join(SCREENS_DIR, 'keycloak');
    mkdirSync(dir, { recursive: true });
    let count = 0;
    const shot = async (name: string): Promise<void> => {
      count += 1;
      await page.screenshot({ path: path.join(dir, `${String(count).padStart(2, '0')}-${name}.png`), fullPage: true });
    };

    // The administrator, a Keycloak user too, gives the realm's IT operations group the control-owner role there.
    const admin = (await keycloakLogin(issuer, 'alex')).accessToken;
    const units = await graphql<{ orgUnits: { id: string; name: string }[] }>(page, admin, '{ orgUnits { id name } }');
    const it = units.body.data?.orgUnits.find((unit) => unit.name === 'IT Operations');
    expect(it, 'the demo organisation has IT Operations').toBeTruthy();
    const assigned = await graphql(page, admin, 'mutation($i: AssignRoleInput!) { assignRole(input: $i) { id } }', {
      i: { group: '/iso27001/control-owners-it-operations', role: 'CONTROL_OWNER', unitId: it?.id },
    });
    // A second run against the same platform finds the assignment in place.
    if (assigned.body.errors) expect(assigned.body.errors[0]?.extensions?.['code']).toBe('ALREADY_ASSIGNED');

    // A wrong password: Keycloak's page says so, and no code comes back.
    const discovery = await discover(issuer);
    await page.goto(`${discovery.authorization_endpoint}?${new URLSearchParams({ client_id: KEYCLOAK_PORTAL_CLIENT_ID, redirect_uri: `${portalUrl}/auth/keycloak-callback`, response_type: 'code', scope: 'openid', code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })}`);
    await page.locator('#username').fill('sam');
    await page.locator('#password').fill('not-his-password');
    await page.locator('#kc-login').click();
    await expect(page.locator('#input-error, .kc-feedback-text, [id^="input-error"]').first()).toContainText('Invalid username or password');
    await shot('keycloak-wrong-password');

    // Sam is in no register of the product: his role and his unit come only from his Keycloak groups.
    const token = await signInOnKeycloakPage(page, 'sam', KEYCLOAK_TEST_PASSWORD, shot);
    await shot('signed-in');
    const access = await graphql<{ myAccess: { roles: string[]; organisationWide: boolean; units: { name: string }[]; unitCount: number } }>(
      page,
      token,
      '{ myAccess { roles organisationWide unitCount units { name } } }',
    );
    expect(access.body.errors).toBeUndefined();
    expect(access.body.data?.myAccess).toMatchObject({ roles: ['EMPLOYEE', 'CONTROL_OWNER'], organisationWide: false, units: [{ name: 'IT Operations' }] });
    // The scope applies: of the organisation's units Sam sees his own only, and controls-service (which learns the
    // assignment from the broker) lets him read implementations, which it refuses an employee.
    const tree = await graphql<{ orgUnits: { name: string }[] }>(page, token, '{ orgUnits { name } }');
    expect(tree.body.data?.orgUnits.map((unit) => unit.name)).toEqual(['IT Operations']);
    expect(units.body.data?.orgUnits.length).toBeGreaterThan(1);
    await expect
      .poll(async () => (await graphql(page, token, '{ controlImplementations { id } }')).body.errors?.[0]?.extensions?.['code'] ?? 'allowed', { timeout: 30_000 })
      .toBe('allowed');

    // A visitor whose Keycloak groups map to no role is turned away by the gateway, with the reason.
    await page.context().clearCookies();
    const visitor = await signInOnKeycloakPage(page, 'victor', KEYCLOAK_TEST_PASSWORD);
    const refused = await graphql(page, visitor, '{ myAccess { roles } }');
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toMatch(/no platform role.*\/visitors/);
  });
});
