import { expect, test, type Page } from '../support/portal';

const MANAGER = 'isms.manager@demo.example';
const EMPLOYEE = 'employee@demo.example';
const EMPLOYEE_NAME = 'Emma Jones';
const MANAGER_NAME = 'Iris Mendes';
const JOB_ROLE = 'Customer service agent';

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Closes the success messages, so they cover nothing the journey clicks next. */
async function dismissNotifications(page: Page): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click().catch(() => undefined);
}

test.describe('competence', () => {
  test('the ISMS manager defines a competence, requires it, records it and the gap closes; the employee sees it; nobody records their own', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const competence = `Complaint handling ${run}`;

    await portal.signInAs(MANAGER);
    await portal.navigate('Competence');
    await expect(page.getByTestId('competence-unit-row').first()).toBeVisible();
    await portal.screen('competence', 'Competence');

    // A new competence in the catalogue.
    await page.getByTestId('competence-name').fill(competence);
    await page.getByTestId('competence-description').fill('Takes a complaint from first contact to resolution, by the complaints procedure');
    await page.getByTestId('competence-create-submit').click();
    await expect(page.getByTestId('competence-row').filter({ hasText: competence })).toHaveCount(1);
    await dismissNotifications(page);

    // Required for the customer service agents, beside what the role already requires.
    await page.getByTestId('job-role-name').fill(JOB_ROLE);
    await page.keyboard.press('Escape');
    await choose(page, 'job-role-competences', competence);
    await page.keyboard.press('Escape');
    await portal.screen('requiring the competence', 'Competence');
    await page.getByTestId('job-role-submit').click();
    const role = page.locator(`[data-testid="job-role-row"][data-job-role="${JOB_ROLE.toLowerCase()}"]`);
    await expect(role).toContainText(competence);
    await expect(role).toContainText('Customer data protection');
    await dismissNotifications(page);

    // The gap shows for the unit and, opened, for the employee.
    const unitRow = page.locator(`[data-testid="competence-unit-row"][data-unit="Customer Service"]`);
    await expect(unitRow.getByTestId('competence-unit-missing')).toContainText(`${competence} (1)`);
    await unitRow.getByTestId('competence-unit-open').click();
    await page.mouse.move(900, 10);
    await expect(page.getByTestId('people-gaps').getByRole('heading', { name: 'People of Customer Service' })).toBeVisible();
    const emma = page.locator(`[data-testid="people-gaps-row"][data-person="${EMPLOYEE_NAME}"]`);
    await expect(emma.getByTestId('people-gaps-missing')).toContainText(competence);
    await portal.screen('the gap per unit and person', 'Competence');

    // Recorded for the employee: the gap closes.
    await emma.getByTestId('people-gaps-record').click();
    await page.mouse.move(900, 10);
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('record-person')).toHaveValue(EMPLOYEE_NAME);
    await choose(page, 'record-competence', competence);
    await choose(page, 'record-kind', 'Training');
    await dialog.getByTestId('record-title').fill('Complaints procedure workshop');
    await dialog.getByTestId('record-issuer').fill('Customer Service academy');
    await portal.screen('recording the competence', 'Competence');
    await dialog.getByTestId('record-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(unitRow.getByTestId('competence-unit-missing')).not.toContainText(competence);
    await expect(page.locator('[data-testid="people-gaps-row"]').filter({ hasText: competence })).toHaveCount(0);
    await dismissNotifications(page);
    await portal.screen('the gap closed', 'Competence');

    // The ISMS manager recording their own competence is refused, in words.
    await page.getByTestId('record-competence-open').click();
    await page.getByTestId('record-person').fill('Iris');
    await page.getByRole('option', { name: MANAGER_NAME }).click();
    await choose(page, 'record-competence', 'ISO/IEC 27001 implementation');
    await page.getByRole('dialog').getByTestId('record-title').fill('ISO/IEC 27001 Lead Implementer');
    await page.getByRole('dialog').getByTestId('record-submit').click();
    await expect(page.getByTestId('record-competence-error')).toContainText('you cannot record your own competence: someone else must record it for you');
    await portal.screen('recording one\'s own competence refused', 'Competence');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // The employee sees the record among their competences.
    await page.getByTestId('sign-out').click();
    await portal.signInAs(EMPLOYEE);
    await portal.navigate('My competences');
    const mine = page.locator(`[data-testid="my-competence-record"][data-competence="${competence}"]`);
    await expect(mine).toContainText('Training: Complaints procedure workshop (Customer Service academy)');
    await expect(mine).toContainText(MANAGER_NAME);
    await expect(page.getByTestId('my-competence-gaps')).not.toContainText(competence);
    await portal.screen('my competences', 'My competences');
  });
});
