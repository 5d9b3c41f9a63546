import { expect, test, type Page } from '../support/portal';

const MANAGER = 'isms.manager@demo.example';

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Closes the success messages, so they cover nothing the journey clicks next. */
async function dismissNotifications(page: Page): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click().catch(() => undefined);
}

test.describe('training campaigns', () => {
  test('the ISMS manager creates a campaign for a unit, sees its head count, launches it, follows the progress and the chart, and exempts a person with a reason', async ({ page, portal }) => {
    const name = `Corporate awareness ${Date.now().toString(36)}`;
    await portal.signInAs(MANAGER);
    await portal.navigate('Training campaigns');
    await portal.screen('campaigns', 'Training campaigns');

    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('campaign-name').fill(name);
    await choose(page, 'campaign-course', 'Information security awareness 2026');
    await choose(page, 'campaign-units', 'Corporate Functions');
    await page.keyboard.press('Escape');
    await dialog.getByTestId('campaign-due-days').fill('21');
    await dialog.getByTestId('campaign-preview').click();
    // Corporate Functions with its sub-units: Evelyn Carter, Chen Wei, Iris Mendes, Ines Alvarez.
    await expect(dialog.getByTestId('campaign-head-count')).toContainText('4 people');
    await portal.screen('a new campaign with its audience counted', 'Training campaigns');
    await dialog.getByTestId('campaign-create-submit').click();

    await expect(page.getByTestId('view-heading')).toHaveText(name);
    await dismissNotifications(page);
    await page.getByTestId('campaign-launch').click();
    await expect(page.getByTestId('campaign-status')).toHaveText('Launched');
    await expect(page.getByTestId('campaign-enrolled')).toHaveText('4 of 4 people enrolled');
    await expect(page.getByTestId('campaign-unit-chart')).toBeVisible();
    await expect(page.locator('[data-testid="campaign-unit-rate"][data-unit="Corporate Functions"]')).toContainText('4');
    await expect(page.getByTestId('campaign-assignment')).toHaveCount(4);
    await portal.screen('the campaign launched', name);

    // An exemption needs a reason.
    const evelyn = page.locator('[data-testid="campaign-assignment"][data-person="Evelyn Carter"]');
    await evelyn.getByRole('button', { name: 'Exempt Evelyn Carter' }).click();
    const exempt = page.getByRole('dialog');
    await expect(exempt.getByTestId('exempt-submit')).toBeDisabled();
    await exempt.getByTestId('exempt-reason').fill('Completed the group-wide course at the parent company this quarter');
    await portal.screen('granting an exemption', name);
    await exempt.getByTestId('exempt-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(evelyn).toHaveAttribute('data-status', 'EXEMPT');
    await expect(evelyn.getByTestId('campaign-assignment-note')).toHaveText('Completed the group-wide course at the parent company this quarter');
    await expect(page.getByTestId('campaign-completion-total')).toContainText('1 exempt');
    await dismissNotifications(page);

    // Today's figures recorded: the trend appears.
    await page.getByTestId('campaign-snapshot').click();
    await expect(page.getByTestId('campaign-trend-chart')).toBeVisible();
    await portal.screen('completion by unit and over time', name);
  });
});
