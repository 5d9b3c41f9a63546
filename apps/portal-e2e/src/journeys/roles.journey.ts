import { expect, test, type Locator, type Page } from '../support/portal';
import { api, gatewayOf } from '../support/api';

async function choose(page: Page, within: Locator, label: string, option: string, search?: string) {
  const box = within.getByRole('combobox', { name: label, exact: true });
  await box.click();
  if (search) await box.fill(search);
  // A searched person's option reads "<name><unit or e-mail>": match it by how it starts.
  const name = search ? new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : option;
  await page.getByRole('option', { name, exact: !search }).click();
}

test.describe('Administrator and ISMS manager', () => {
  test('see who is responsible for which units, give a person a role over a unit subtree, and revoke it', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const name = `Jordan Lee ${run}`;

    const learnt = gatewayOf(page);
    await portal.signInAs('admin@demo.example');
    const gateway = await learnt;
    await api(page, gateway, 'admin@demo.example', 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', {
      i: { email: `jordan.${run}@demo.example`, name, jobRole: 'Systems engineer' },
    });

    // The demo owners' departments, as the administrator assigned them.
    await portal.navigate('Role assignments');
    const table = page.getByTestId('role-assignments');
    await expect(table.locator('[data-assignment-holder="Rafael Ortiz"]')).toContainText('Risk owner');
    await expect(table.locator('[data-assignment-holder="Rafael Ortiz"]')).toContainText('Payments');
    await expect(table.locator('[data-assignment-holder="Chen Wei"]')).toContainText('IT Operations');
    await portal.screen('role assignments', 'Role assignments');

    // A new control owner over IT Operations (and every unit below it).
    await page.getByRole('button', { name: 'Assign a role' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, dialog, 'Person', name, name);
    await choose(page, dialog, 'Role', 'Control owner');
    await choose(page, dialog, 'Unit', 'Corporate Functions / IT Operations');
    await portal.screen('assign a role', 'Role assignments');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    const row = table.locator(`[data-assignment-holder="${name}"]`);
    await expect(row).toContainText('Control owner');
    await expect(row).toContainText('IT Operations');
    await expect(row).toContainText('Alex Admin');

    // The same assignment twice is refused in words, and nothing changes.
    await page.getByRole('button', { name: 'Assign a role' }).click();
    await choose(page, dialog, 'Person', name, name);
    await choose(page, dialog, 'Role', 'Control owner');
    await choose(page, dialog, 'Unit', 'Corporate Functions / IT Operations');
    await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('already holds control_owner over IT Operations');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(table.locator(`[data-assignment-holder="${name}"]`)).toHaveCount(1);

    // Revoked: gone from the active list, kept in the history.
    await row.getByRole('button', { name: `Revoke Control owner of ${name} over IT Operations` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(table.locator(`[data-assignment-holder="${name}"]`)).toHaveCount(0);
    // The filter lives in the address (shareable), so the box is ticked once the address has changed.
    await page.getByLabel('Include revoked (history)').click();
    await expect(page.getByLabel('Include revoked (history)')).toBeChecked();
    await expect(table.locator(`[data-assignment-holder="${name}"]`)).toContainText('Revoked');
    await portal.screen('role assignments with history', 'Role assignments');

    // The ISMS manager reads who is responsible for what, and changes nothing.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Role assignments');
    await expect(table.locator('[data-assignment-holder="Chen Wei"]')).toContainText('Control owner');
    await expect(page.getByRole('button', { name: 'Assign a role' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Revoke / })).toHaveCount(0);
  });
});
