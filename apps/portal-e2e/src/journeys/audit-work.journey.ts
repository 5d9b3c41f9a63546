import { api, gatewayOf } from '../support/api';
import { expect, test, type Page } from '../support/portal';

const INTERNAL = 'Internal audit of access control';
const AUDITOR = 'internal.auditor@demo.example';
const OWNER = { email: 'control.owner@demo.example', name: 'Chen Wei' };
const EVIDENCE = 'Restore test report, payment database';

async function dismissNotifications(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

test.describe('audit work: auditors, owners and top management', () => {
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

  test('start a certification cycle for the approved scope, link its Stage 1, see its dates in the calendar, and be refused a recommendation in words while Stage 2 is missing', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const stage1 = `Stage 1 documentation review (${run})`;
    const body = `CertBody ${run}`;
    const learnt = gatewayOf(page);
    await portal.signInAs('isms.manager@demo.example');
    const gateway = await learnt;
    const today = new Date().toISOString().slice(0, 10);
    await api(page, gateway, 'isms.manager@demo.example', 'mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
      i: { type: 'STAGE_1', title: stage1, startsOn: today, endsOn: today, leadAuditor: 'Olivia Brandt, CertBody' },
    });

    await portal.navigate('Certification');
    await page.getByTestId('cycle-new').click();
    await expect(page.getByRole('dialog')).toContainText('Certifies the approved ISMS scope in force: version');
    await page.getByTestId('cycle-submit').click();
    await expect(page.getByTestId('cycle-form')).toContainText('Name the certification body.');
    await page.getByTestId('cycle-body').fill(body);
    await page.getByTestId('cycle-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const card = page.getByTestId('cycle-card').filter({ hasText: body });
    await expect(card.getByTestId('cycle-status')).toHaveText('Audits under way');
    await card.getByTestId('cycle-link-STAGE_1').click();
    await page.getByRole('option', { name: new RegExp(`^${stage1.replace(/[()]/g, '\\$&')}`) }).click();
    await card.getByTestId('cycle-link-STAGE_1-submit').click();
    await expect(card.getByTestId('cycle-stages')).toContainText(`Stage 1 (documentation review): ${stage1}`);
    await expect(page.getByTestId('calendar-row').filter({ hasText: stage1 })).toContainText('Stage 1');
    await dismissNotifications(page);
    await portal.screen('certification cycle with its Stage 1', 'Certification');
    await page.getByTestId('sign-out').click();

    // The auditor cannot recommend certification before Stage 2: the refusal says why.
    await portal.signInAs(AUDITOR);
    await portal.navigate('Certification');
    const seen = page.getByTestId('cycle-card').filter({ hasText: body });
    await seen.getByTestId('recommend-comment').fill('All requirements met');
    await seen.getByTestId('recommend-submit').click();
    await expect(seen.getByTestId('recommend-form')).toContainText('link the Stage 1 and the Stage 2 engagements before recommending certification');
    await expect(page.getByTestId('cycle-new')).toHaveCount(0);
    await portal.screen('recommendation refused', 'Certification');
  });

  test("request evidence from an owner, send the answer back saying what is missing, and accept the second answer", async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const asked = `Backup restore reports of the last quarter (${run})`;
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await portal.signInAs(AUDITOR);
    await portal.navigate('Audit engagements');
    await page.getByRole('link', { name: INTERNAL }).click();
    await page.getByTestId('request-new').click();
    await page.getByTestId('request-title').fill(asked);
    await page.getByTestId('request-owner').fill('Chen');
    await page.getByRole('option', { name: new RegExp(`^${OWNER.name}`) }).click();
    await page.getByTestId('request-due').fill(due);
    await page.getByTestId('request-submit').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('requests-table-row').filter({ hasText: asked })).toContainText('Awaiting an answer');
    await dismissNotifications(page);
    await page.getByTestId('sign-out').click();

    const answer = async (note: string) => {
      await portal.navigate('My audit requests');
      const row = page.getByTestId('my-requests-table-row').filter({ hasText: asked });
      await row.getByTestId('request-answer').click();
      await page.getByTestId('answer-note').fill(note);
      await page.getByTestId('answer-evidence').fill('Restore test');
      await page.getByRole('option', { name: new RegExp(`^${EVIDENCE}`) }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('answer-submit').click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await expect(row).toContainText('Answered, to review');
      await dismissNotifications(page);
    };
    await portal.signInAs(OWNER.email);
    await answer('The restore report of last month');
    await portal.screen('audit request answered', 'My audit requests');
    await page.getByTestId('sign-out').click();

    const review = async () => {
      await portal.navigate('Audit engagements');
      await page.getByRole('link', { name: INTERNAL }).click();
      await page.getByTestId('requests-table-row').filter({ hasText: asked }).getByTestId('request-decide').click();
    };
    await portal.signInAs(AUDITOR);
    await review();
    await page.getByTestId('decide-return').click();
    await expect(page.getByTestId('decide-form')).toContainText('Say what is missing.');
    await page.getByTestId('decide-reason').fill('Three months were asked for, one was sent');
    await page.getByTestId('decide-return').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('requests-table-row').filter({ hasText: asked })).toContainText('Sent back: Three months were asked for, one was sent');
    await dismissNotifications(page);
    await page.getByTestId('sign-out').click();

    await portal.signInAs(OWNER.email);
    await answer('All three monthly restore reports');
    await page.getByTestId('sign-out').click();
    await portal.signInAs(AUDITOR);
    await review();
    await page.getByTestId('decide-accept').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('requests-table-row').filter({ hasText: asked })).toContainText('Accepted');
    await dismissNotifications(page);
    await portal.screen('audit request accepted', INTERNAL);
  });

  test('prepare a management review with the inputs the platform gathers, record its decisions and an action, and have the chief executive sign it off', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const title = `Management review ${run}`;
    const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Management review');
    await page.getByTestId('review-new').click();
    await page.getByTestId('review-title').fill(title);
    await page.getByTestId('review-create').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const card = page.getByTestId('review-card').filter({ hasText: title });
    await expect(card.getByTestId('review-inputs')).toContainText('Not gathered yet.');
    await card.getByTestId('review-gather').click();
    await expect(card.getByTestId('review-inputs')).toContainText('Nonconformities:');
    await expect(card.getByTestId('review-inputs')).toContainText('Internal audit programme:');
    await card.getByTestId('outcome-submit').click();
    await expect(card.getByTestId('outcome-form')).toContainText('Record at least one decision (one per line).');
    await card.getByTestId('outcome-decisions').fill('Fund the automation of leaver deprovisioning');
    await card.getByTestId('outcome-add-action').click();
    await card.getByTestId('outcome-action-0').fill('Automate leaver deprovisioning');
    await card.getByTestId('outcome-owner-0').fill('Chen');
    await page.getByRole('option', { name: new RegExp(`^${OWNER.name}`) }).click();
    await card.getByTestId('outcome-due-0').fill(due);
    await card.getByTestId('outcome-submit').click();
    await expect(page.getByText('Outcome recorded')).toBeVisible();
    // The ISMS manager prepared it: signing off is top management's, and is not offered.
    await expect(card.getByTestId('review-sign-off')).toHaveCount(0);
    await dismissNotifications(page);
    await portal.screen('management review prepared', 'Management review');
    await page.getByTestId('sign-out').click();

    await portal.signInAs('ceo@demo.example');
    await portal.navigate('Management review');
    const seen = page.getByTestId('review-card').filter({ hasText: title });
    await expect(seen.getByTestId('review-outcome')).toContainText('Automate leaver deprovisioning');
    await seen.getByTestId('review-sign-off').click();
    await expect(seen.getByTestId('review-status')).toContainText('Signed off by');
    await dismissNotifications(page);
    await portal.screen('management review signed off', 'Management review');
  });
});
