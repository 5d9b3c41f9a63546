import { expect, test, type Page, type Portal } from '../support/portal';

/** The control the journey excludes: applicable for a business reason first, never driven by a demo risk. */
const CONTROL = { id: 'A.7.10', title: 'Storage media' };
const CONTROL_OWNER = { email: 'control.owner@demo.example', name: 'Chen Wei' };

/** The JSON the portal received for one of its GraphQL operations, read from the network as the API answered it. */
async function answerOf<T>(page: Page, operationName: string, action: () => Promise<unknown>): Promise<T> {
  const response = page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(`"operationName":"${operationName}"`));
  await action();
  const body = (await (await response).json()) as { data: T };
  return body.data;
}

function readiness(percent: number): string {
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** Closes the notifications still on screen (a toast sliding in or out is not what a screen check is about). */
async function dismissNotifications(page: Page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

async function pick(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

async function openEntry(page: Page, controlId: string) {
  await page.getByTestId('soa-search').fill(controlId);
  const row = page.locator(`[data-testid="soa-table-row"][data-control-id="${controlId}"]`);
  await row.getByTestId('soa-open-entry').click();
  return page.getByRole('dialog');
}

/**
 * Publishes the SoA as a new version in two hands: the ISMS manager (who changed it) submits it, and the chief
 * executive, who changed none of it, approves it; `whilePublished` runs while the executive still sees the result.
 * Returns signed in as the ISMS manager again, on the SoA.
 */
async function publish(page: Page, portal: Portal, note: string, whilePublished?: () => Promise<void>): Promise<number> {
  const latest = await page.getByTestId('soa-latest-version').textContent();
  const current = Number(/version (\d+)/.exec(latest ?? '')?.[1] ?? 0);
  await page.getByTestId('soa-publish').click();
  await page.getByTestId('soa-publish-note').fill(note);
  await page.getByTestId('soa-publish-confirm').click();
  await expect(page.getByTestId('soa-submitted')).toContainText(`Version ${current + 1} submitted for approval`);
  // The submitter may not approve it: the page says why.
  await expect(page.getByTestId('soa-pending-submission')).toContainText(note);
  await page.getByTestId('soa-approve').click();
  await expect(page.getByTestId('soa-approval-problem')).toContainText('someone else must approve');

  await page.getByTestId('sign-out').click();
  await portal.signInAs('ceo@demo.example');
  await portal.navigate('Statement of Applicability');
  await expect(page.getByTestId('soa-pending-submission')).toContainText(note);
  await page.getByTestId('soa-approve').click();
  await expect(page.getByTestId('soa-published')).toContainText(`Version ${current + 1} published`);
  await expect(page.getByTestId('soa-latest-version')).toContainText(`version ${current + 1}`);
  await expect(page.locator('.mantine-Notification-root').filter({ hasText: `Version ${current + 1} published` })).toHaveCount(1);
  await whilePublished?.();

  await page.getByTestId('sign-out').click();
  await portal.signInAs('isms.manager@demo.example');
  await portal.navigate('Statement of Applicability');
  await expect(page.getByTestId('soa-latest-version')).toContainText(`version ${current + 1}`);
  return current + 1;
}

test.describe('ISMS manager and control owner', () => {
  test('decide the SoA, publish and compare versions, export, answer the gap analysis, see my controls', async ({ page, portal }) => {
    const stamp = new Date().toISOString().replace(/[-:.TZ]/g, '');
    const justification = `No removable storage media are used in scope: USB ports are disabled by policy (${stamp})`;

    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Statement of Applicability');
    await expect(page.getByTestId('soa-summary')).toContainText('of 93 Annex A controls');
    await dismissNotifications(page);
    await portal.screen('soa editor', 'Statement of Applicability');

    // A.5.15 is applicable because a treated risk relies on it: the reason and the risk by its title.
    await page.getByTestId('soa-search').fill('A.5.15');
    const accessControl = page.locator('[data-testid="soa-table-row"][data-control-id="A.5.15"]');
    await expect(accessControl).toContainText('A.5.15 Access control');
    await expect(accessControl.getByTestId('soa-reason')).toHaveText(['Risk treatment']);
    await expect(accessControl.getByTestId('soa-risks')).toContainText('Cardholder data exposed through excessive access rights');
    await expect(page.getByTestId('soa-shown')).toHaveText('1 of 93 controls shown.');
    expect(page.url()).toContain('q=A.5.15');

    // A baseline in which the control applies for a business reason, so the next version shows its exclusion.
    let dialog = await openEntry(page, CONTROL.id);
    await expect(dialog).toContainText(`${CONTROL.id} ${CONTROL.title}`);
    await dialog.getByLabel('Applicable (included)').check();
    await dialog.getByLabel('Business requirement').check();
    await dialog.getByTestId('soa-change-reason').fill(`Baseline before the exclusion review ${stamp}`);
    await dialog.getByTestId('soa-entry-save').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const row = page.locator(`[data-testid="soa-table-row"][data-control-id="${CONTROL.id}"]`);
    await expect(row.getByTestId('soa-applicability-badge')).toHaveText('Applicable');
    await expect(row.getByTestId('soa-reason')).toHaveText(['Business requirement']);
    await publish(page, portal, `Baseline before excluding ${CONTROL.id} (${stamp})`);

    // Excluding without a justification is refused on the field; with one, it is saved.
    dialog = await openEntry(page, CONTROL.id);
    await dialog.getByLabel('Not applicable (excluded)').check();
    await dialog.getByTestId('soa-justification').fill('');
    await dialog.getByTestId('soa-entry-save').click();
    const justificationField = dialog.getByTestId('soa-justification');
    await expect(justificationField).toHaveAttribute('aria-invalid', 'true');
    await expect(justificationField).toHaveAccessibleDescription(/A justification is required to exclude a control/);
    await dismissNotifications(page);
    await portal.screen('exclusion refused without justification');
    await justificationField.fill(justification);
    await dialog.getByTestId('soa-change-reason').fill(`Exclusion review ${stamp}`);
    await dialog.getByTestId('soa-entry-save').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(row.getByTestId('soa-applicability-badge')).toHaveText('Excluded');
    await expect(row.getByTestId('soa-justification-text')).toHaveText(justification);

    const published = await publish(page, portal, `Exclusion review of physical controls (${stamp})`, async () => {
      await dismissNotifications(page);
      await portal.screen('soa version published');
    });

    // The versions screen compares the new version with the previous one: the exclusion and its justification.
    await portal.navigate('SoA versions');
    await expect(page.locator(`[data-testid="soa-versions-table-row"][data-version="${published}"]`)).toContainText(`Exclusion review of physical controls (${stamp})`);
    await expect(page.getByTestId('soa-diff-to')).toHaveValue(new RegExp(`^Version ${published} `));
    await expect(page.getByTestId('soa-diff-from')).toHaveValue(new RegExp(`^Version ${published - 1} `));
    const change = page.locator(`[data-testid="soa-diff-entry"][data-control-id="${CONTROL.id}"]`);
    await expect(change).toContainText(`${CONTROL.id} ${CONTROL.title}`);
    await expect(change.locator('[data-field="APPLICABILITY"]')).toHaveText(/ApplicabilityApplicableNot applicable/);
    await expect(change.locator('[data-field="JUSTIFICATION"]')).toContainText(justification);
    await expect(change.getByTestId('soa-diff-reasons')).toContainText(`Exclusion review ${stamp}`);
    await dismissNotifications(page);
    await portal.screen('soa versions diff', 'SoA versions');

    // The CSV export of the new version downloads under its version's name.
    await pick(page, 'soa-export-version', new RegExp(`^Version ${published} `));
    await pick(page, 'soa-export-format', 'CSV (comma-separated)');
    const download = page.waitForEvent('download');
    await page.getByTestId('soa-export-download').click();
    expect((await download).suggestedFilename()).toBe(`soa-v${published}.csv`);
    await expect(page.getByTestId('soa-export-done')).toHaveText(`Downloaded soa-v${published}.csv.`);
    await dismissNotifications(page);
    await portal.screen('soa export downloaded');

    // One gap answer moves the readiness of its clause, as the API computes it.
    type GapPage = { gapAnalysis: { byClause: { key: string; readinessPercent: number }[] }; gapAssessments: { itemId: string; status: string | null }[] };
    const before = await answerOf<GapPage>(page, 'GapAnalysisPage', () => portal.navigate('Gap analysis'));
    const clauseRow = page.locator('[data-testid="gap-by-clause-table"] [data-key="10"]');
    const beforePercent = before.gapAnalysis.byClause.find((c) => c.key === '10')?.readinessPercent ?? NaN;
    await expect(clauseRow.getByTestId('gap-rollup-percent')).toHaveText(readiness(beforePercent));
    await dismissNotifications(page);
    await portal.screen('gap analysis', 'Gap analysis');
    await pick(page, 'gap-filter-clause', 'Clause 10');
    await expect(page).toHaveURL(/clause=10/);
    const item = page.locator('[data-testid="gap-table-row"][data-item-id="10.1"]');
    const wasFully = before.gapAssessments.find((a) => a.itemId === '10.1')?.status === 'FULLY';
    await item.getByTestId('gap-answer').click();
    const answer = page.getByRole('dialog');
    await answer.getByLabel(wasFully ? /^Not in place/ : /^Fully in place/).check();
    await answer.getByTestId('gap-answer-current').fill(`Improvement register reviewed monthly (${stamp})`);
    if (wasFully) await answer.getByTestId('gap-answer-gap').fill('No improvement register yet');
    const after = await answerOf<GapPage>(page, 'GapAnalysisPage', () => answer.getByTestId('gap-answer-save').click());
    const afterPercent = after.gapAnalysis.byClause.find((c) => c.key === '10')?.readinessPercent ?? NaN;
    expect(afterPercent).not.toBe(beforePercent);
    await expect(clauseRow.getByTestId('gap-rollup-percent')).toHaveText(readiness(afterPercent));
    await expect(item.getByTestId('gap-item-status')).toHaveText(wasFully ? 'Not in place' : 'Fully in place');
    await dismissNotifications(page);
    await portal.screen('gap analysis answered');

    // The control owner owns A.5.15 (named through the SoA editor when the demo data gives them no control).
    await portal.navigate('Statement of Applicability');
    await page.getByTestId('soa-search').fill('A.5.15');
    if (!((await accessControl.getByTestId('soa-owners-text').textContent()) ?? '').includes(CONTROL_OWNER.name)) {
      dialog = await openEntry(page, 'A.5.15');
      await dialog.getByTestId('soa-owners').fill('Chen');
      await page.getByRole('option', { name: new RegExp(`^${CONTROL_OWNER.name}`) }).click();
      await dialog.getByTestId('soa-change-reason').fill(`IT operations runs access control (${stamp})`);
      await dialog.getByTestId('soa-entry-save').click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
    await expect(accessControl.getByTestId('soa-owners-text')).toContainText(CONTROL_OWNER.name);

    await page.getByTestId('sign-out').click();
    await portal.signInAs(CONTROL_OWNER.email);
    type MinePage = { me: { id: string }; statementOfApplicability: { control: { id: string }; owners: { id: string }[]; operatingStatus: { status: string } }[] };
    const mine = await answerOf<MinePage>(page, 'MyControlsPage', () => portal.navigate('My controls'));
    const owned = mine.statementOfApplicability.filter((e) => e.owners.some((o) => o.id === mine.me.id)).map((e) => e.control.id);
    expect(owned).toContain('A.5.15');
    await expect(page.getByTestId('my-control')).toHaveCount(owned.length);
    const card = page.locator('[data-testid="my-control"][data-control-id="A.5.15"]');
    await expect(card).toContainText('A.5.15 Access control');
    const operating = mine.statementOfApplicability.find((e) => e.control.id === 'A.5.15')?.operatingStatus.status;
    const labels: Record<string, string> = { EFFECTIVE: 'Effective', EVIDENCE_MISSING: 'Evidence missing', EVIDENCE_EXPIRED: 'Evidence expired', NONCONFORMING: 'Nonconforming' };
    await expect(card.getByTestId('my-control-operating')).toHaveText(labels[operating ?? ''] ?? '');
    await expect(card.getByTestId('my-control-operating-reason')).not.toBeEmpty();
    await dismissNotifications(page);
    await portal.screen('my controls', 'My controls');
  });
});
