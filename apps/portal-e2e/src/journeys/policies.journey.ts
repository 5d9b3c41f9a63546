import { expect, test, type Page } from '../support/portal';
import { api, gatewayOf } from '../support/api';

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.describe('ISMS manager and executive', () => {
  test('write a policy, submit it, have the named role return it with a reason, resubmit it, approve it, publish it and follow its acknowledgement', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const title = `Clear desk and clear screen policy ${run}`;
    const heading = `Clear desk and clear screen (${run})`;

    const learnt = gatewayOf(page);
    await portal.signInAs('isms.manager@demo.example');
    const gateway = await learnt;

    // The register, then a new policy: approver role Executive, audience everyone, the first draft in Markdown.
    await portal.navigate('Policies');
    await expect(page.getByTestId('policies-table')).toContainText('Information security policy');
    await portal.screen('policy register', 'Policies');
    await page.getByTestId('policy-new').click();
    await page.getByTestId('policy-title').fill(title);
    await choose(page, 'Approved by', 'Executive');
    await expect(page.getByTestId('policy-audience')).toContainText('Everyone');
    await page.getByRole('combobox', { name: 'Annex A controls it supports' }).fill('A.7.7');
    await page.getByRole('option', { name: /^A\.7\.7 / }).click();
    await page.getByTestId('policy-body').fill(`# ${heading}\n\nNo papers are left on desks, and screens are locked whenever people step away.\n\n- Lock your screen\n- Clear your desk at the end of the day\n`);
    await page.getByTestId('policy-change-summary').fill('First issue');
    await portal.screen('new policy, writing', 'New policy');
    await page.getByTestId('policy-tab-preview').click();
    await expect(page.getByTestId('policy-preview').getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByTestId('policy-preview').getByRole('listitem')).toHaveText(['Lock your screen', 'Clear your desk at the end of the day']);
    await portal.screen('new policy, preview', 'New policy');
    await page.getByTestId('policy-create-submit').click();

    // The draft: the executive does not see it until the ISMS manager submits it; the author never approves it.
    await expect(page.getByTestId('view-heading')).toHaveText(title);
    await expect(page.getByTestId('pending-version-status')).toHaveText('Draft, not yet submitted');
    await expect(page.getByTestId('policy-approver')).toHaveText('Executive');
    await expect(page.getByTestId('policy-audience-label')).toHaveText('Everyone');
    await expect(page.getByTestId('policy-text').getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByTestId('policy-approval-note')).toHaveText(
      'When the draft is complete, submit it for approval: the executive sees it only then, and it is locked while it waits.',
    );
    await expect(page.getByTestId('policy-approve')).toHaveCount(0);
    await portal.screen('draft policy, as its author', title);

    // Submitted: locked while the executive reads it.
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    const submit = async () => {
      await page.getByTestId('policy-submit').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('It goes to the executive to approve');
      await dialog.getByRole('button', { name: 'Submit for approval' }).click();
      await page.mouse.move(700, 10);
      await expect(page.getByTestId('pending-version-status')).toHaveText('Submitted, awaiting approval');
    };
    await submit();
    await expect(page.getByTestId('policy-waiting')).toHaveText(`Waiting for approval by executive since ${today}`);
    await expect(page.getByTestId('policy-pending-version')).toContainText('submitted by you');
    await expect(page.getByTestId('policy-edit-draft')).toHaveCount(0);
    await expect(page.getByTestId('policy-return')).toHaveText('Withdraw to draft');
    await portal.screen('submitted policy, as its author', title);

    // The executive finds it among their approvals and returns it with what should change.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('ceo@demo.example');
    await expect(page.getByTestId('todo-list')).toContainText(`Approve “${title}” 1.0`);
    await portal.navigate('Policy approvals');
    const row = page.getByTestId('approvals-table-row').filter({ hasText: title });
    await expect(row).toContainText('1.0');
    await expect(row).toContainText('Iris Mendes');
    await portal.screen('policy approvals', 'Policy approvals');
    await row.getByRole('link', { name: title }).click();
    await expect(page.getByTestId('view-heading')).toHaveText(title);
    await expect(page.getByTestId('policy-text').getByRole('heading', { name: heading })).toBeVisible();
    await expect(page.getByTestId('policy-waiting')).toHaveText(`Waiting for approval by executive since ${today}`);
    await portal.screen('submitted policy, as the approver', title);
    await page.getByTestId('policy-return').click();
    const returnDialog = page.getByRole('dialog', { name: 'Return version 1.0 to draft' });
    await returnDialog.getByRole('button', { name: 'Return to draft' }).click();
    await expect(returnDialog.getByRole('textbox', { name: 'What should change' })).toHaveAccessibleDescription('Say what should change, so its author knows');
    const comment = 'Say what to do with printed customer data at the end of the day.';
    await returnDialog.getByRole('textbox', { name: 'What should change' }).fill(comment);
    await portal.screen('returning a policy to draft', title);
    await returnDialog.getByRole('button', { name: 'Return to draft' }).click();
    await expect(returnDialog).toHaveCount(0);
    await page.mouse.move(700, 10);
    await expect(page.getByTestId('pending-version-status')).toHaveText('Draft, not yet submitted');
    await expect(page.getByTestId('policy-approve')).toHaveCount(0);
    await portal.navigate('Policy approvals');
    await expect(page.getByTestId('approvals-table')).not.toContainText(title);

    // The ISMS manager reads why, changes the draft and submits it again.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Policies');
    await page.getByTestId('policy-search').fill(run);
    const returnedRow = page.getByTestId('policies-table-row').filter({ hasText: title });
    await expect(returnedRow).toContainText('1.0: draft, to submit');
    await returnedRow.getByRole('link', { name: title }).click();
    const returned = page.getByTestId('policy-return-comment');
    await expect(returned).toContainText('Returned to draft by Evelyn Carter');
    await expect(returned).toContainText(comment);
    await portal.screen('returned draft, as its author', title);
    await page.getByTestId('policy-edit-draft').click();
    await page.getByTestId('policy-body').fill(
      `# ${heading}\n\nNo papers are left on desks, and screens are locked whenever people step away.\n\n- Lock your screen\n- Clear your desk at the end of the day\n- Shred printed customer data, or lock it away, before you leave\n`,
    );
    await page.getByTestId('policy-save-draft').click();
    await expect(page.getByTestId('policy-text').getByRole('listitem')).toHaveText([
      'Lock your screen',
      'Clear your desk at the end of the day',
      'Shred printed customer data, or lock it away, before you leave',
    ]);
    await submit();
    await expect(page.getByTestId('policy-return-comment')).toHaveCount(0);

    // The executive approves the changed version.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('ceo@demo.example');
    await portal.navigate('Policy approvals');
    await page.getByTestId('approvals-table-row').filter({ hasText: title }).getByRole('link', { name: title }).click();
    await expect(page.getByTestId('policy-text').getByRole('listitem').last()).toHaveText('Shred printed customer data, or lock it away, before you leave');
    await page.getByTestId('policy-approve').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.mouse.move(700, 10);
    await expect(page.getByTestId('pending-version-status')).toHaveText('Approved, not yet published');
    await expect(page.getByTestId('policy-pending-version')).toContainText('approved by Evelyn Carter as executive');
    await portal.screen('approved policy, as the approver', title);
    await portal.navigate('Policy approvals');
    await expect(page.getByTestId('approvals-table')).not.toContainText(title);

    // The ISMS manager publishes it: its audience, everyone, is asked to acknowledge it.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Policies');
    await page.getByTestId('policy-search').fill(run);
    const registerRow = page.getByTestId('policies-table-row').filter({ hasText: title });
    await expect(registerRow).toContainText('1.0: approved, to publish');
    await registerRow.getByRole('link', { name: title }).click();
    await page.getByTestId('policy-publish').click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('Acknowledgement tasks are opened for its audience (Everyone)');
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await page.mouse.move(700, 10);
    await expect(page.getByTestId('policy-state')).toHaveText('Published');

    // Nobody has acknowledged it yet; everyone active in the organisation is asked.
    const { people } = await api<{ people: { totalCount: number } }>(page, gateway, 'isms.manager@demo.example', '{ people(active: true, first: 1) { totalCount } }');
    await expect(page.getByTestId('ack-summary')).toHaveText(`0 of ${people.totalCount} people (0%)`);
    const unitRows = page.getByTestId('ack-unit-row');
    await expect(unitRows.first()).toBeVisible();
    const perUnit = await unitRows.evaluateAll((rows) => rows.map((row) => Number(row.querySelectorAll('td')[2]?.textContent)));
    expect(perUnit.reduce((sum, count) => sum + count, 0)).toBe(people.totalCount);
    await expect(page.getByTestId('ack-chart')).toBeVisible();
    // Who to chase: everyone asked, by name, none acknowledged yet.
    await expect(page.getByTestId('ack-people-table-total')).toHaveText(`1–${Math.min(people.totalCount, 25)} of ${people.totalCount}`);
    await expect(page.getByTestId('ack-people-table')).toContainText('Emma Jones');
    await expect(page.getByTestId('versions-table-row').filter({ hasText: '1.0' })).toContainText('Published (in force)');
    await portal.screen('published policy with acknowledgements', title);
  });
});
