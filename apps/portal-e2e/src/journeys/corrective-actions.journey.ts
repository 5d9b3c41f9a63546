import { expect, test, type Page } from '../support/portal';

const INTERNAL = 'Internal audit of access control';
const AUDITOR = 'internal.auditor@demo.example';
const OWNER = { email: 'control.owner@demo.example', name: 'Chen Wei' };
const EVIDENCE = 'Restore test report, payment database';

async function dismissNotifications(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

test.describe('internal auditor and control owner', () => {
  test('raise a nonconformity with its corrective action, have its owner plan and implement it with evidence, judge it effective and close the finding', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const description = `Restores of the payment database are not tested (${run})`;

    // The internal auditor raises a minor nonconformity against A.8.13 and names its owner.
    await portal.signInAs(AUDITOR);
    await portal.navigate('Audit engagements');
    await page.getByRole('link', { name: INTERNAL }).click();
    await expect(page.getByTestId('view-heading')).toHaveText(INTERNAL);
    await page.getByTestId('finding-new').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('finding-severity').click();
    await page.getByRole('option', { name: 'Minor nonconformity' }).click();
    await page.getByTestId('finding-control').fill('A.8.13');
    await page.getByRole('option', { name: /^A\.8\.13 / }).click();
    await page.getByTestId('finding-description').fill(description);
    await page.getByTestId('finding-ca-owner').fill('Chen');
    await page.getByRole('option', { name: new RegExp(`^${OWNER.name}`) }).click();
    await portal.screen('raise a nonconformity with its owner', INTERNAL);
    await dialog.getByTestId('finding-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const row = page.getByTestId('findings-table-row').filter({ hasText: description });
    await expect(row).toContainText('To plan');
    await expect(row).toContainText(`${OWNER.name} · due`);
    // Not closable while its corrective action is not effective.
    await expect(row.getByTestId('finding-close')).toHaveCount(0);
    await dismissNotifications(page);
    await portal.screen('nonconformity with its corrective action', INTERNAL);
    await page.getByTestId('sign-out').click();

    // The owner finds it in their own work, plans it and records it as done with its evidence.
    await portal.signInAs(OWNER.email);
    await portal.navigate('My corrective actions');
    const mine = page.getByTestId('my-ca-table-row').filter({ hasText: description });
    await expect(mine).toContainText('To plan');
    await portal.screen('my corrective actions', 'My corrective actions');
    await mine.getByRole('link', { name: 'A.8.13' }).click();
    await expect(page.getByTestId('ca-finding')).toHaveText(description);
    await expect(page.getByTestId('ca-check-form')).toHaveCount(0);
    await page.getByTestId('ca-plan-submit').click();
    await expect(page.getByTestId('ca-plan-form')).toContainText('Say why it happened: the root cause.');
    await page.getByTestId('ca-correction').fill('Last night’s backup restored to a test instance and checked');
    await page.getByTestId('ca-root-cause').fill('No restore test was ever scheduled');
    await page.getByTestId('ca-action').fill('A monthly restore test with a signed report');
    await page.getByTestId('ca-plan-submit').click();
    await expect(page.getByTestId('ca-status')).toHaveText('Planned');
    await dismissNotifications(page);
    await page.getByTestId('ca-completion-note').fill('Restore tests run for the last three months, reports filed');
    await page.getByTestId('ca-implement-submit').click();
    await expect(page.getByTestId('ca-implement-form')).toContainText('Choose at least one evidence item that shows it was done.');
    await page.getByTestId('ca-evidence').fill('Restore test');
    await page.getByRole('option', { name: new RegExp(`^${EVIDENCE}`) }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('ca-implement-submit').click();
    await expect(page.getByTestId('ca-status')).toHaveText('Implemented, to check');
    await expect(page.getByTestId('ca-evidence-list')).toContainText(EVIDENCE);
    await dismissNotifications(page);
    await portal.screen('corrective action implemented', /^Corrective action: A\.8\.13/);
    await page.getByTestId('sign-out').click();

    // The auditor, who took no part in the action, judges it effective and closes the finding.
    await portal.signInAs(AUDITOR);
    await portal.navigate('Corrective actions');
    const listed = page.getByTestId('ca-table-row').filter({ hasText: description });
    await expect(listed).toContainText('Implemented, to check');
    await portal.screen('corrective actions register', 'Corrective actions');
    await listed.getByRole('link', { name: 'A.8.13' }).click();
    await page.getByTestId('ca-check-submit').click();
    await expect(page.getByTestId('ca-check-form')).toContainText('Say what you checked and what you found.');
    await page.getByTestId('ca-check-note').fill('Three monthly restore reports sampled; all restores succeeded');
    await page.getByTestId('ca-check-submit').click();
    await expect(page.getByTestId('ca-status')).toHaveText('Effective');
    await dismissNotifications(page);
    await portal.navigate('Audit engagements');
    await page.getByRole('link', { name: INTERNAL }).click();
    const effective = page.getByTestId('findings-table-row').filter({ hasText: description });
    await expect(effective).toContainText('Effective');
    await effective.getByTestId('finding-close').click();
    await page.getByTestId('finding-close-comment').fill('Corrective action verified effective');
    await page.getByTestId('finding-close-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(effective).toContainText('Closed');
    await dismissNotifications(page);
    await portal.screen('finding closed', INTERNAL);
  });
});
