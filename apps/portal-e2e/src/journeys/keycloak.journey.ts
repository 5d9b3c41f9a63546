import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '../support/portal';
import { KEYCLOAK_TEST_PASSWORD, keycloakLogin } from '../../../../tools/dev/keycloak';
import { SCREENS_DIR } from '../support/portal';

/** Set by src/run.ts, which starts Keycloak with the test realm, a gateway that trusts only Keycloak, and a portal for it. */
const issuer = process.env['KEYCLOAK_ISSUER'] ?? '';
const gateway = process.env['KEYCLOAK_GATEWAY_URL'] ?? '';
const portalUrl = process.env['KEYCLOAK_PORTAL_URL'] ?? '';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function graphql<T>(page: Page, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Body<T>> {
  const response = await page.request.post(`${gateway}/graphql`, { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as Body<T>;
}

/** From the portal's sign-in page to Keycloak's own login form (on Keycloak's origin), filled in and sent. */
async function signInOnKeycloak(page: Page, username: string, password: string, shot?: (name: string) => Promise<void>): Promise<void> {
  await page.goto(`${portalUrl}/sign-in`);
  await page.getByTestId('sign-in-button').click();
  await expect(page.locator('#kc-form-login')).toBeVisible();
  expect(new URL(page.url()).origin, "Keycloak's own page").toBe(new URL(issuer).origin);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await shot?.('keycloak-login');
  await page.locator('#kc-login').click();
}

test.describe('sign-in through Keycloak', () => {
  test.skip(!issuer || !gateway || !portalUrl, 'needs the Keycloak front that apps/portal-e2e/src/run.ts starts');

  test("a control owner signs in on Keycloak's page: his Keycloak group gives the role, the group's assignment his unit", async ({ page, portal }) => {
    const dir = path.join(SCREENS_DIR, 'keycloak-login-page');
    mkdirSync(dir, { recursive: true });
    let count = 0;
    // Keycloak's pages are Keycloak's: kept as screenshots, not held to the portal's accessibility checks.
    const shot = async (name: string): Promise<void> => {
      count += 1;
      await page.screenshot({ path: path.join(dir, `${String(count).padStart(2, '0')}-${name}.png`), fullPage: true });
    };

    // The administrator, a Keycloak user too, gives the realm's IT operations group the control-owner role there.
    const admin = (await keycloakLogin(issuer, 'alex')).accessToken;
    const units = await graphql<{ orgUnits: { id: string; name: string }[] }>(page, admin, '{ orgUnits { id name } }');
    const all = units.data?.orgUnits ?? [];
    const it = all.find((unit) => unit.name === 'IT Operations');
    expect(it, 'the demo organisation has IT Operations').toBeTruthy();
    expect(all.length).toBeGreaterThan(1);
    const assigned = await graphql(page, admin, 'mutation($i: AssignRoleInput!) { assignRole(input: $i) { id } }', {
      i: { group: '/iso27001/control-owners-it-operations', role: 'CONTROL_OWNER', unitId: it?.id },
    });
    // A second run against the same platform finds the assignment in place.
    if (assigned.errors) expect(assigned.errors[0]?.extensions?.['code']).toBe('ALREADY_ASSIGNED');

    // A wrong password: Keycloak's page says so and keeps him there.
    await signInOnKeycloak(page, 'sam', 'not-his-password');
    await expect(page.getByText('Invalid username or password.')).toBeVisible();
    await shot('keycloak-wrong-password');

    // Sam is in no register of the product: his roles and his unit come only from his Keycloak groups.
    await page.locator('#password').fill(KEYCLOAK_TEST_PASSWORD);
    await page.locator('#kc-login').click();
    await expect(page.getByTestId('signed-in-user')).toContainText('sam.okafor@demo.example');
    expect(new URL(page.url()).origin).toBe(portalUrl);
    await expect(page.getByTestId('signed-in-user')).toContainText('Sam Okafor');
    // Two roles from two groups: control owner (the one he works as) and employee.
    await expect(page.getByTestId('role-switch')).toHaveValue('Control owner');
    await page.getByTestId('role-switch').click();
    await expect(page.getByRole('option', { name: 'Employee' })).toBeVisible();
    await page.keyboard.press('Escape');
    await portal.screen('home as control owner');

    // The unit tree shows his own unit only; the administrator sees the whole organisation.
    await portal.navigate('Units');
    await expect(page.getByTestId('unit-tree')).toBeVisible();
    await expect(page.getByTestId('unit-name')).toHaveText(['IT Operations']);
    await portal.screen('units in his scope', 'Units');

    // Signing out ends the session at Keycloak too: the sign-in button asks for the password again.
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${portalUrl}/signed-out`);
    await page.getByTestId('sign-in-button').click();
    await expect(page.locator('#kc-form-login')).toBeVisible();
  });

  test('a visitor whose Keycloak groups give no platform role is turned away with the reason', async ({ page }) => {
    await signInOnKeycloak(page, 'victor', KEYCLOAK_TEST_PASSWORD);
    await expect(page.getByTestId('sign-in-error')).toContainText(/no platform role/);
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  });
});
