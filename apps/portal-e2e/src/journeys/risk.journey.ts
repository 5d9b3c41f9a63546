import { expect, test, type Locator, type Page } from '../support/portal';

const DEMO_RISK = 'Cardholder data exposed through excessive access rights';

/** Waits until the confirmation messages have gone (a fading message is what the contrast check would measure). */
async function settled(page: Page) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
}

/** Chooses an option of a Mantine Select (or a person picker) inside `scope` by typing part of its name. */
async function choose(page: Page, scope: Locator, label: string, typed: string, option: string | RegExp) {
  const box = scope.getByRole('combobox', { name: label, exact: true });
  await box.click();
  if (typed) await box.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

/** Adds a risk through the register's dialog and waits until it is saved. */
async function addRisk(page: Page, risk: { title: string; ownerTyped: string; owner: string; unit: string; likelihood: number; impact: number }) {
  await page.getByTestId('risk-create').click();
  const dialog = page.getByRole('dialog', { name: 'Add a risk' });
  await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill(risk.title);
  await choose(page, dialog, 'Owner', risk.ownerTyped, risk.owner);
  await choose(page, dialog, 'Unit', risk.unit, new RegExp(`${risk.unit}$`));
  await choose(page, dialog, 'Likelihood', '', new RegExp(`^${risk.likelihood} `));
  await choose(page, dialog, 'Impact', '', new RegExp(`^${risk.impact} `));
  await dialog.getByTestId('risk-create-submit').click();
  await expect(dialog).toBeHidden();
}

/** Finds a risk in the register by the words of its title and opens it. */
async function findAndOpen(page: Page, title: string, testId = 'risk-register') {
  await page.getByTestId('risk-search').fill(title);
  await expect(page).toHaveURL(/search=/);
  const row = page.getByTestId(`${testId}-row`).filter({ hasText: title });
  await expect(page.getByTestId(`${testId}-row`)).toHaveCount(1);
  await expect(row.getByTestId('risk-title')).toHaveText(title);
  await row.getByTestId('risk-title').click();
  await expect(page.getByTestId('view-heading')).toHaveText(title);
}

test.describe('risk', () => {
  test('the ISMS manager registers and treats a risk; its owner accepts what remains', async ({ page, portal }) => {
    // Three people, eleven screens and their accessibility checks: longer than one screen's default allowance.
    test.setTimeout(420_000);
    const run = Date.now().toString(36);
    const title = `Payment API keys written to application logs ${run}`;
    const acceptTitle = `Branch cash-handling system without a second site ${run}`;

    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Risk register');
    await expect(page.getByTestId('risk-register-row').first()).toBeVisible();
    await portal.screen('risk register', 'Risk register');

    // The form says what is missing before anything is sent.
    await page.getByTestId('risk-create').click();
    const dialog = page.getByRole('dialog', { name: 'Add a risk' });
    await dialog.getByTestId('risk-create-submit').click();
    await expect(dialog).toContainText('Give the risk a title');
    await expect(dialog).toContainText('Every risk needs an owner');
    await portal.screen('add a risk, refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // A risk of her own: likely and major before treatment (High).
    await addRisk(page, { title, ownerTyped: 'Iris', owner: 'Iris Mendes', unit: 'Payments', likelihood: 4, impact: 4 });
    await settled(page);
    await findAndOpen(page, title);
    await expect(page.getByTestId('risk-inherent-level')).toHaveText('High');
    await expect(page.getByTestId('risk-treatment-option')).toHaveText('Not treated yet');
    await portal.screen('risk detail, untreated', title);

    // Treat it: modify, with two Annex A controls chosen by number and title.
    await page.getByTestId('risk-treat').click();
    const treat = page.getByRole('dialog', { name: 'Treat the risk' });
    await treat.getByRole('radio', { name: 'Modify' }).check();
    await treat.getByTestId('risk-treat-submit').click();
    await expect(treat).toContainText('Choose at least one Annex A control');
    await treat.getByRole('combobox', { name: 'Controls that modify the risk' }).fill('A.8.15');
    await page.getByRole('option', { name: 'A.8.15 Logging' }).click();
    await treat.getByRole('combobox', { name: 'Controls that modify the risk' }).fill('A.8.24');
    await page.getByRole('option', { name: 'A.8.24 Use of cryptography' }).click();
    await treat.getByRole('textbox', { name: 'Rationale' }).fill('Mask secrets before they reach the logs, and keep the keys in the vault');
    await treat.getByTestId('risk-treat-submit').click();
    await expect(treat).toBeHidden();
    await expect(page.getByTestId('risk-treatment-option')).toHaveText('Modify');
    await expect(page.getByTestId('risk-controls').getByRole('listitem')).toHaveText(['A.8.15 Logging', 'A.8.24 Use of cryptography']);

    // Reassess the residual risk once the controls are in place: rare and moderate (Low).
    await page.getByTestId('risk-reassess').click();
    const reassess = page.getByRole('dialog', { name: 'Reassess the risk' });
    await choose(page, reassess, 'Likelihood', '', /^1 Rare/);
    await choose(page, reassess, 'Impact', '', /^3 Moderate/);
    await expect(reassess.getByTestId('risk-reassess-level')).toHaveText('Low');
    await reassess.getByRole('textbox', { name: 'Note' }).fill('Log masking verified in the release test');
    await reassess.getByTestId('risk-reassess-submit').click();
    await expect(reassess).toBeHidden();
    await expect(page.getByTestId('risk-residual-level')).toHaveText('Low');
    await expect(page.getByTestId('risk-history-row').first()).toContainText('Log masking verified in the release test');
    await expect(page.getByTestId('risk-acceptance')).toHaveAttribute('data-state', 'within-appetite');
    await settled(page);
    await portal.screen('risk detail, treated', title);

    // The heat map: the residual cell likelihood 1 × impact 3 holds it.
    await portal.navigate('Heat map');
    await portal.screen('heat map', 'Heat map');
    const cell = page.getByTestId('heat-map-residual').getByRole('button', { name: /^Likelihood 1, impact 3: \d+ risks?$/ });
    await expect(cell).toHaveAttribute('data-level', 'LOW');
    await cell.click();
    await expect(page.getByTestId('heat-map-cell-list').getByRole('link', { name: title, exact: true })).toBeVisible();
    await expect(page.getByTestId('heat-map-cell-heading')).toContainText('Residual: Likelihood 1, impact 3');
    await portal.screen('heat map, a cell', 'Heat map');

    // The Risk Treatment Plan lists it with its controls, and downloads as a workbook.
    await portal.navigate('Risk Treatment Plan');
    const planRow = page.getByTestId('plan-row').filter({ hasText: title });
    await expect(planRow.getByTestId('plan-controls')).toContainText('A.8.15 Logging');
    await portal.screen('risk treatment plan', 'Risk Treatment Plan');
    const download = page.waitForEvent('download');
    await page.getByTestId('plan-export-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/^risk-treatment-plan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await settled(page);

    // The methodology in force: the scales and the appetite the levels are judged against.
    await portal.navigate('Methodology');
    await expect(page.getByTestId('methodology-appetite')).toHaveText('Medium');
    await expect(page.getByTestId('methodology-likelihood').getByRole('row')).toHaveCount(6);
    await portal.screen('methodology', 'Methodology');

    // A risk for the risk owner whose residual stays above appetite: only he may accept it.
    await portal.navigate('Risk register');
    await addRisk(page, { title: acceptTitle, ownerTyped: 'Rafael', owner: 'Rafael Ortiz', unit: 'Retail Banking', likelihood: 4, impact: 4 });
    await settled(page);
    await findAndOpen(page, acceptTitle);
    await page.getByTestId('risk-treat').click();
    await treat.getByRole('radio', { name: 'Accept' }).check();
    await treat.getByRole('textbox', { name: 'Rationale' }).fill('A second site costs more than the outage it would prevent');
    await treat.getByTestId('risk-treat-submit').click();
    await expect(treat).toBeHidden();
    await page.getByTestId('risk-reassess').click();
    await choose(page, reassess, 'Likelihood', '', /^4 Likely/);
    await choose(page, reassess, 'Impact', '', /^3 Moderate/);
    await reassess.getByRole('textbox', { name: 'Note' }).fill('No treatment beyond the manual fallback procedure');
    await reassess.getByTestId('risk-reassess-submit').click();
    await expect(reassess).toBeHidden();
    await expect(page.getByTestId('risk-acceptance')).toHaveAttribute('data-state', 'needs-acceptance');
    await expect(page.getByTestId('risk-acceptance-who')).toContainText('Only the risk owner, Rafael Ortiz, may accept');
    await expect(page.getByTestId('risk-accept')).toHaveCount(0);
    await settled(page);
    await portal.screen('risk detail, needs acceptance', acceptTitle);

    // An employee has no risk register, and a deep link to it says why.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('employee@demo.example');
    await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Risk register' })).toHaveCount(0);
    await page.goto('/risks');
    await expect(page.getByTestId('not-allowed')).toBeVisible();
    await portal.screen('risk register, employee', 'Not available for your role');

    // The risk owner: his risks, and the acceptance only he may sign.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('risk.owner@demo.example');
    await portal.navigate('My risks');
    await expect(page.getByTestId('view-heading')).toHaveText('My risks');
    await page.getByTestId('risk-search').fill(DEMO_RISK);
    await expect(page).toHaveURL(/search=Cardholder/);
    await expect(page.getByTestId('my-risks-row')).toHaveCount(1);
    await expect(page.getByTestId('my-risks-row').getByTestId('risk-title')).toHaveText(DEMO_RISK);
    await portal.screen('my risks', 'My risks');
    await page.getByTestId('risk-search').fill('');
    await page.getByTestId('my-risks-needs-acceptance').click();
    await expect(page).toHaveURL(/needsAcceptance=true/);
    await findAndOpen(page, acceptTitle, 'my-risks');
    await page.getByTestId('risk-accept').click();
    const accept = page.getByRole('dialog', { name: 'Accept the residual risk' });
    await accept.getByTestId('risk-accept-submit').click();
    await expect(accept).toContainText('Say why the residual risk is acceptable');
    await accept.getByRole('textbox', { name: 'Why the residual risk is acceptable' }).fill('The manual fallback keeps branches serving customers for two days');
    await accept.getByTestId('risk-accept-submit').click();
    await expect(accept).toBeHidden();
    await expect(page.getByTestId('risk-acceptance-by')).toContainText('Accepted by Rafael Ortiz');
    await expect(page.getByTestId('risk-acceptance-note')).toHaveText('The manual fallback keeps branches serving customers for two days');
    await settled(page);
    await portal.screen('risk detail, accepted', acceptTitle);
  });
});
