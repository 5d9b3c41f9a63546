import { demoPassword } from '../support/api';
import { expect, test } from '../support/portal';

test.describe('sign-in at the identity provider', () => {
  test('a deep link signs in through the provider, comes back to the page asked for, and signing out ends the provider session', async ({ page, portal }) => {
    await page.goto('/risks');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Frisks$/);
    await page.getByTestId('sign-in-button').click();

    // The provider's own login page: a wrong password is refused in words, nothing else happens.
    await expect(page).toHaveURL(/\/oidc\/interaction\//);
    await page.getByLabel('E-mail').fill('isms.manager@demo.example');
    await page.getByLabel('Password').fill(`${demoPassword()}-wrong`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The e-mail or the password is not right. Check both and try again.');
    await expect(page.getByLabel('E-mail')).toHaveValue('isms.manager@demo.example');
    await portal.screen('identity provider login refused');

    await page.getByLabel('Password').fill(demoPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('signed-in-user')).toContainText('isms.manager@demo.example');
    await expect(page).toHaveURL(/\/risks$/);

    // A reload keeps the sign-in of this tab.
    await page.reload();
    await expect(page.getByTestId('signed-in-user')).toContainText('Iris Mendes');
    await expect(page).toHaveURL(/\/risks$/);

    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/signed-out$/);
    await expect(page.getByTestId('signed-out')).toBeVisible();
    await portal.screen('signed out', 'Sign in');

    // The provider's session ended too: signing in asks for the password again.
    await page.getByTestId('sign-in-button').click();
    await expect(page.getByLabel('Password')).toBeVisible();
    await portal.screen('identity provider login');
  });

  test('a sign-in the provider refused, or a next address outside the portal, is handled in words', async ({ page, portal }) => {
    await page.goto('/auth/callback?error=access_denied&error_description=The%20person%20cancelled');
    await expect(page.getByTestId('view-heading')).toHaveText('Sign-in did not finish');
    await expect(page.getByTestId('sign-in-error')).toContainText('The identity provider did not sign you in: The person cancelled');
    await portal.screen('sign-in refused', 'Sign-in did not finish');

    // Only a path inside the portal is followed after signing in.
    await page.goto('/sign-in?next=%2F%2Fevil.example%2F');
    await page.getByTestId('sign-in-button').click();
    await page.getByLabel('E-mail').fill('employee@demo.example');
    await page.getByLabel('Password').fill(demoPassword());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByTestId('view-heading')).toHaveText('Good to see you, Emma');

    // A token the platform stops accepting (its keys changed, say) ends the session in words, not in failed screens.
    await page.route('**/graphql', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'token rejected', extensions: { code: 'UNAUTHENTICATED' } }] }) }),
    );
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').nth(1).click();
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect(page.getByTestId('sign-in-error')).toContainText('Your session has ended');
    await portal.screen('session ended', 'Sign in');
  });

  test('an access token about to expire is renewed in the background with the refresh token', async ({ page, portal }) => {
    await portal.signInAs('ceo@demo.example');
    const accessToken = () =>
      page.evaluate(() => {
        const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
        return key ? (JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string }).access_token ?? null : null;
      });
    const first = await accessToken();
    expect(first).toBeTruthy();
    const { exp, iat } = JSON.parse(Buffer.from(String(first).split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp: number; iat: number };
    test.skip(exp - iat > 120, 'the platform runs with long-lived access tokens; the journey runner sets OIDC_ACCESS_TOKEN_TTL=90');
    // oidc-client-ts renews a minute before expiry, with the refresh token (no page reload, no login page).
    await expect.poll(accessToken, { timeout: (exp - iat) * 1000 }).not.toBe(first);
    await expect(page.getByTestId('signed-in-user')).toContainText('ceo@demo.example');
    // The portal goes on with the new token: a screen that loads data opens without asking to sign in again.
    const link = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').nth(1);
    await link.click();
    await expect(page.getByTestId('view-heading')).toBeVisible();
    await expect(page.locator('[aria-busy="true"], .mantine-Loader-root')).toHaveCount(0);
    await expect(page.getByTestId('error-alert')).toHaveCount(0);
    expect(await accessToken()).not.toBe(first);
  });
});
