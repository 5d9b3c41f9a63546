import { expect, test, type Page } from '../support/portal';

const PHASES = [
  '1. Create a project plan',
  '2. Define the scope of the ISMS',
  '3. Risk assessment and gap analysis',
  '4. Design and implement policies and controls',
  '5. Complete employee training',
  '6. Document and collect evidence',
  '7. Certification audit',
  '8. Maintain continuous compliance',
];

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Waits until the confirmation messages have gone (a fading message is what the contrast check would measure). */
async function settled(page: Page) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

/** Chooses an option of a Mantine Select (or PersonSelect) by typing part of its name. */
async function choose(page: Page, label: string, typed: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

test.describe('ISMS manager and executive', () => {
  test('run the programme, and top management approves the scope', async ({ page, portal }) => {
    const run = `${Date.now().toString(36)}`;
    const taskTitle = `Collect the access review evidence ${run}`;
    const unitName = `Vendor Management ${run}`;
    const statement = `The ISMS covering card payments, the corporate functions that support them and vendor management (revision ${run}).`;
    const measured = Number(`3.${String(Date.now() % 97).padStart(2, '0')}`);

    await portal.signInAs('isms.manager@demo.example');

    // The dashboard: the eight phases, and the overdue task with its owner.
    await portal.navigate('Programme dashboard');
    await expect(page.getByTestId('phase-name')).toHaveText(PHASES);
    const overdue = page.getByTestId('overdue-task').filter({ hasText: 'Appoint the ISMS manager and the project team' });
    await expect(overdue.getByTestId('overdue-task-owner')).toHaveText('Iris Mendes');
    await expect(page.getByTestId('commitment-sponsor')).toHaveText('Evelyn Carter');
    await expect(page.getByTestId('soa-applicable-value')).toHaveText(/^\d+ of 93$/);
    await portal.screen('programme dashboard', 'Programme dashboard');

    // The plan: a task added to a phase, with an owner picked by name.
    await portal.navigate('Certification plan');
    await page.getByRole('button', { name: 'Add task to Document and collect evidence' }).click();
    const taskDialog = page.getByRole('dialog', { name: 'Add a certification task' });
    await taskDialog.getByRole('textbox', { name: 'Title', exact: true }).fill(taskTitle);
    await choose(page, 'Owner', 'Chen', /Chen Wei/);
    await taskDialog.getByRole('textbox', { name: 'Due date' }).fill(inDays(60));
    await taskDialog.getByRole('button', { name: 'Add task' }).click();
    await expect(taskDialog).toBeHidden();
    const task = page.locator('[data-testid="plan-phase"][data-phase-key="EVIDENCE"]').locator(`[data-testid="plan-task"][data-task-title="${taskTitle}"]`);
    await expect(task.getByTestId('plan-task-owner')).toHaveText('Chen Wei');
    await settled(page);
    await portal.screen('certification plan', 'Certification plan');

    // Units: a new department under Corporate Functions, shown in the tree.
    await portal.navigate('Units');
    await page.getByRole('button', { name: 'Create a unit' }).click();
    const unitDialog = page.getByRole('dialog', { name: 'Create a unit' });
    await unitDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(unitName);
    await choose(page, 'Part of', 'Corporate Functions', 'Corporate Functions');
    await unitDialog.getByRole('button', { name: 'Create unit' }).click();
    await expect(unitDialog).toBeHidden();
    const corporate = page.locator('[data-testid="unit-node"][data-unit-name="Corporate Functions"]');
    await expect(corporate.locator(`[data-testid="unit-node"][data-unit-name="${unitName}"]`).getByTestId('unit-name')).toHaveText(unitName);
    await settled(page);
    await portal.screen('units', 'Units');
    // Deactivated again (it has no people), it leaves the tree of active units.
    await page.getByRole('button', { name: `Actions for ${unitName}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: `Deactivate ${unitName}?` }).getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.locator(`[data-testid="unit-node"][data-unit-name="${unitName}"]`)).toHaveCount(0);

    // People: searched on the server.
    await portal.navigate('People');
    await page.getByTestId('people-search').fill('Chen');
    await expect(page).toHaveURL(/search=Chen/);
    await expect(page.getByTestId('person-name')).toHaveText(['Chen Wei']);
    await portal.screen('people search', 'People');

    // Import: a dry run of three rows, one of them invalid, reports the bad row.
    await portal.navigate('Import people');
    const csv = ['email,name,unit,job_role', `ana.lima.${run}@demo.example,Ana Lima,Payments,Analyst`, 'not-an-email,Bad Row,Payments,Analyst', `ben.okafor.${run}@demo.example,Ben Okafor,IT Operations,Engineer`].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: `people-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-dry-run').click();
    const job = page.getByTestId('import-job');
    await expect(job).toHaveAttribute('data-status', 'SUCCEEDED');
    await expect(job).toHaveAttribute('data-dry-run', 'true');
    await expect(page.getByTestId('import-row-error')).toHaveCount(1);
    await expect(page.locator('[data-testid="import-row-error"][data-row="3"]')).toContainText('"not-an-email" is not a valid e-mail address');
    await expect(page.getByTestId('import-run')).toHaveText('Import 2 rows');
    await portal.screen('import dry run', 'Import people');

    // Objectives: a measurement recorded shows in the chart's table.
    await portal.navigate('Objectives');
    await page.getByRole('button', { name: 'Fewer people fall for phishing' }).click();
    await expect(page.getByTestId('objective-detail-title')).toHaveText('Fewer people fall for phishing');
    await page.getByTestId('record-measurement').click();
    const measureDialog = page.getByRole('dialog', { name: /Record a measurement/ });
    await measureDialog.getByRole('textbox', { name: /^Value/ }).fill(String(measured));
    await measureDialog.getByRole('button', { name: 'Record' }).click();
    await expect(measureDialog).toBeHidden();
    await expect(page.getByTestId('objective-measurement-value').first()).toHaveText(`${measured}%`);
    await expect(page.getByTestId('objective-latest')).toHaveText(`${measured}%`);
    await settled(page);
    await portal.screen('objectives', 'Objectives');

    // Scope: a new draft from the scope in force, with a changed statement, submitted to top management. A version
    // left waiting or in draft by an earlier, interrupted run is taken up rather than refused.
    await portal.navigate('ISMS scope');
    await expect(page.getByTestId('scope-versions')).toBeVisible();
    if (await page.getByTestId('withdraw-scope').isVisible()) {
      await page.getByTestId('withdraw-scope').click();
      await page.getByRole('dialog').getByRole('textbox', { name: 'Why you withdraw it' }).fill('Superseded by a new revision of the statement');
      await page.getByTestId('confirm-return-scope').click();
      await expect(page.getByTestId('edit-scope-draft')).toBeVisible();
    }
    const startDraft = page.getByTestId('start-scope-draft');
    if (await startDraft.isEnabled()) await startDraft.click();
    else await page.getByTestId('edit-scope-draft').click();
    const draftDialog = page.getByRole('dialog', { name: /Edit draft version/ });
    await draftDialog.getByTestId('scope-statement-input').fill(statement);
    await draftDialog.getByTestId('save-scope-draft').click();
    await expect(draftDialog).toBeHidden();
    await expect(page.getByTestId('scope-draft').getByTestId('scope-statement')).toHaveText(statement);
    await expect(page.getByTestId('scope-draft-status')).toHaveText('Draft, not submitted');
    await page.getByTestId('submit-scope').click();
    await page.getByTestId('confirm-submit-scope').click();
    await expect(page.getByTestId('scope-draft-status')).toHaveText('Waiting for approval by top management');
    const version = (await page.getByTestId('scope-draft-version').textContent())?.trim() ?? '';
    expect(version).toMatch(/^\d+$/);
    await settled(page);
    await portal.screen('scope submitted', 'ISMS scope');

    // The executive approves the draft; it becomes the scope in force.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('ceo@demo.example');
    await portal.navigate('Approvals');
    const approval = page.locator(`[data-testid="scope-approval"][data-version="${version}"]`);
    await expect(approval.getByTestId('scope-statement')).toHaveText(statement);
    await expect(approval.getByTestId('scope-unit')).toContainText(['Corporate Functions']);
    await portal.screen('approvals', 'Approvals');
    await approval.getByTestId('approve-scope').click();
    await page.getByTestId('confirm-approve-scope').click();
    await expect(page.getByTestId('no-scope-approvals')).toBeVisible();

    await portal.navigate('ISMS scope');
    await expect(page.getByTestId('scope-in-force-version')).toHaveText(version);
    await expect(page.getByTestId('scope-in-force-approval')).toContainText('by Evelyn Carter');
    await expect(page.getByTestId('scope-in-force-details').getByTestId('scope-statement')).toHaveText(statement);
    await settled(page);
    await portal.screen('scope in force', 'ISMS scope');
  });
});
