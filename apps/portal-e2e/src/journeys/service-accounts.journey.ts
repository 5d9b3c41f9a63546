import { expect, test, type Page } from '../support/portal';
import { gatewayOf } from '../support/api';

/** Calls the gateway as a system would: only the service account's token, no sign-in. */
async function asSystem(page: Page, gateway: string, token: string): Promise<{ status: number; units: string[] }> {
  const response = await page.request.post(`${gateway}/graphql`, { data: { query: '{ orgUnits { name } }' }, headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { data?: { orgUnits: { name: string }[] } };
  return { status: response.status(), units: (body.data?.orgUnits ?? []).map((unit) => unit.name).sort() };
}

async function pick(page: Page, label: string, option: string, search?: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  if (search) {
    await box.click();
    await box.fill(search);
  } else {
    // A multi-select without search shows its chosen pills over the input: open it from the keyboard, as a person
    // using the keyboard would, rather than by a click that may land on a pill.
    await box.focus();
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.getByRole('option', { name: option, exact: true }).click();
  // A multi-select stays open for the next choice: leaving the field closes it.
  await box.blur();
  await expect(page.getByRole('listbox')).toHaveCount(0);
}

async function tokenShown(page: Page, name: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: `Token of ${name}`, exact: true });
  await expect(dialog).toContainText('Shown only this once');
  // Faded in: the screen is checked as it stays, not halfway through the dialog's transition.
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(dialog).toHaveCSS('opacity', '1');
  await expect(page.locator('.mantine-Modal-overlay')).toHaveCSS('opacity', '1');
  await expect(dialog).toContainText('cannot be shown again');
  const token = await dialog.getByTestId('service-account-token').inputValue();
  expect(token).toMatch(/^iso_sa_[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByRole('button', { name: 'Copy the token' })).toBeVisible();
  return token;
}

test.describe('Administrator', () => {
  test('gives a platform team a service account over Payments, whose token is shown once, works on the API over that subtree only, and stops working once rotated or revoked', async ({ page, portal }) => {
    const name = `SIEM collector ${Date.now().toString(36)}`;

    const learnt = gatewayOf(page);
    await portal.signInAs('admin@demo.example');
    const gateway = await learnt;
    await portal.navigate('Service accounts');
    await portal.screen('service accounts', 'Service accounts');

    // A read-and-risk-owner account over Payments (and Cards below it), for ninety days.
    await page.getByRole('button', { name: 'Create a service account' }).click();
    const create = page.getByRole('dialog', { name: 'Create a service account' });
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Description').fill('Collects log evidence for the security operations team (owner: SecOps).');
    await pick(page, 'Roles', 'Risk owner');
    await pick(page, 'Units', 'Retail Banking / Payments', 'Payments');
    await portal.screen('create a service account', 'Service accounts');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create).toHaveCount(0);

    const token = await tokenShown(page, name);
    await portal.screen('token shown once', 'Service accounts');
    await page.getByRole('dialog', { name: `Token of ${name}`, exact: true }).getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('service-account-token')).toHaveCount(0);

    const table = page.getByTestId('service-accounts');
    const row = table.locator(`[data-service-account="${name}"]`);
    await expect(row).toContainText('Service account, Risk owner');
    await expect(row).toContainText('Payments');
    await expect(row).toContainText(`${token.slice(0, 13)}…`);
    await expect(row).toContainText('Never');
    await expect(row).toContainText('Alex Admin');
    await expect(row.getByText('Active', { exact: true })).toBeVisible();

    // The system reads with the token alone, and sees its units' subtree and nothing else.
    expect(await asSystem(page, gateway, token)).toEqual({ status: 200, units: ['Cards', 'Payments'] });

    // A second account of the same name is refused in words, on the name.
    await page.getByRole('button', { name: 'Create a service account' }).click();
    await create.getByLabel('Name').fill(name);
    await create.getByLabel('Description').fill('The same name again');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(create.getByRole('alert')).toContainText(`a service account named "${name}" exists already`);
    await expect(create.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
    await create.getByRole('button', { name: 'Cancel' }).click();
    await expect(table.locator(`[data-service-account="${name}"]`)).toHaveCount(1);

    // Rotated: the new token is shown once; the old one is refused from the next request.
    await row.getByRole('button', { name: `Rotate the token of ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Rotate the token of ${name}?` });
    await expect(confirm).toContainText('stops working at once');
    await confirm.getByRole('button', { name: 'Rotate' }).click();
    const rotated = await tokenShown(page, name);
    expect(rotated).not.toBe(token);
    await page.getByRole('dialog', { name: `Token of ${name}`, exact: true }).getByRole('button', { name: 'Close' }).click();
    await expect(row).toContainText(`${rotated.slice(0, 13)}…`);
    // Its first call was recorded.
    await expect(row).not.toContainText('Never');
    expect((await asSystem(page, gateway, token)).status).toBe(401);
    expect(await asSystem(page, gateway, rotated)).toEqual({ status: 200, units: ['Cards', 'Payments'] });

    // Revoked: refused from the next request, kept in the list.
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await page.getByRole('dialog', { name: `Revoke ${name}?` }).getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toHaveAttribute('data-status', 'REVOKED');
    await expect(row.getByText('Revoked', { exact: true })).toBeVisible();
    await expect(row.getByRole('button')).toHaveCount(0);
    expect((await asSystem(page, gateway, rotated)).status).toBe(401);
    await portal.screen('service accounts with a revoked one', 'Service accounts');

    // Service accounts are the administrator's: the ISMS manager has no way there.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Role assignments', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Service accounts', exact: true })).toHaveCount(0);
    await page.goto('/access/service-accounts');
    await expect(page.getByTestId('not-allowed')).toBeVisible();
    await expect(page.getByTestId('service-accounts')).toHaveCount(0);
  });
});
