import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '../support/portal';

const CONTROL_OWNER = 'control.owner@demo.example';
const ISMS_MANAGER = 'isms.manager@demo.example';
// The unit's path as far as the signed-in person reaches (the control owner does not see Corporate Functions).
const IT_OPERATIONS = /IT Operations$/;

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.waitForURL('**/signed-out');
}

async function dismissNotifications(page: Page): Promise<void> {
  for (const close of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await close.click().catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0);
}

/** Picks an option of a single-choice select in the dialog (its list closes on the pick; Escape would close the dialog). */
async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
  await expect(page.getByRole('listbox', { name: label })).toBeHidden();
}

/** A file dragged from the desktop and dropped on the drop zone, as the browser delivers it (a DataTransfer). */
async function dropFile(page: Page, target: string, file: { name: string; mimeType: string; text: string }): Promise<void> {
  // Runs in the page, where the DOM's DataTransfer and File exist (the journey's own types are Node's).
  type PageGlobals = { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: string[], name: string, options: { type: string }) => unknown };
  const dataTransfer = await page.evaluateHandle(({ name, mimeType, text }) => {
    const dom = globalThis as unknown as PageGlobals;
    const transfer = new dom.DataTransfer();
    transfer.items.add(new dom.File([text], name, { type: mimeType }));
    return transfer;
  }, file);
  const zone = page.getByTestId(target);
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** A PDF of about `kib` KiB (its bytes start as a PDF's do, which is how the platform detects the type). */
function pdfText(title: string, kib: number): string {
  const filler = `% ${title} `.padEnd(1023, '.') + '\n';
  return `%PDF-1.7\n${filler.repeat(kib)}%%EOF\n`;
}

/** Adds evidence through the form: title, IT Operations, one control, and a file dropped on the drop zone. */
async function addEvidenceWithFile(page: Page, title: string, controlId: string, fileName: string, throttle: boolean): Promise<void> {
  await page.getByTestId('evidence-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await choose(page, 'Department', IT_OPERATIONS);
  await dialog.getByRole('combobox', { name: 'Controls it supports' }).fill(controlId);
  await page.getByRole('option', { name: new RegExp(`^${controlId.replace(/\./g, '\\.')} `) }).click();
  await page.keyboard.press('Escape');
  // A slow uplink, so the upload's progress is there to be seen (Chromium's network emulation throttles the body).
  const cdp = throttle ? await page.context().newCDPSession(page) : null;
  await cdp?.send('Network.enable');
  await cdp?.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await dropFile(page, 'evidence-dropzone', { name: fileName, mimeType: 'application/pdf', text: pdfText(title, throttle ? 1536 : 8) });
  if (throttle) {
    const progress = dialog.getByTestId('evidence-upload-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toContainText(`Uploading ${fileName}`);
    await expect(progress.getByRole('progressbar')).toBeVisible();
  }
  await expect(dialog.getByTestId('evidence-file-name')).toContainText(fileName, { timeout: 30_000 });
  await cdp?.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cdp?.detach();
}

test.describe('evidence', () => {
  test('the control owner drops a file onto the form, sees it upload and lands on the evidence with its file; a wrong type is refused in words', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const title = `Firewall rule review ${run}`;
    await portal.signInAs(CONTROL_OWNER);
    await portal.navigate('My evidence');
    await expect(page.getByTestId('view-heading')).toHaveText('My evidence');
    const table = page.getByTestId('my-evidence-table');
    // The demo's evidence of IT Operations, and nothing of departments outside the control owner's reach.
    await expect(table.locator('[data-evidence-title="Restore test report, payment database"]')).toBeVisible();
    await expect(table.locator('[data-evidence-title="Call recording retention check"]')).toHaveCount(0);
    await expect(table.locator('[data-evidence-title="Restore test report, payment database"]').getByTestId('evidence-freshness')).toContainText('Valid');
    await portal.screen('my evidence', 'My evidence');

    // An HTML page named .pdf: the platform detects the type from the bytes and refuses it, with the reason.
    await page.getByTestId('evidence-new').click();
    const dialog = page.getByRole('dialog');
    await choose(page, 'Department', IT_OPERATIONS);
    await dropFile(page, 'evidence-dropzone', { name: 'rules.pdf', mimeType: 'application/pdf', text: '<!doctype html><html><body><script>alert(1)</script></body></html>' });
    await expect(dialog.getByTestId('evidence-upload-error')).toContainText('rules.pdf was not uploaded');
    await expect(dialog.getByTestId('evidence-upload-error')).toContainText('HTML');
    // Nothing is handed in without a file.
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByTestId('evidence-add-submit').click();
    await expect(dialog).toContainText('Choose at least one control');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await addEvidenceWithFile(page, title, 'A.8.20', `firewall-review-${run}.pdf`, true);
    await portal.screen('evidence uploaded', 'My evidence');
    await page.getByRole('dialog').getByTestId('evidence-add-submit').click();
    await expect(page.getByTestId('view-heading')).toHaveText(title);
    await expect(page.getByTestId('evidence-status')).toHaveText('Awaiting review');
    const version = page.locator('[data-testid="evidence-version"][data-version="1"]');
    await expect(version.getByTestId('evidence-version-file')).toContainText(`firewall-review-${run}.pdf`);
    await expect(page.getByTestId('evidence-controls').locator('[data-control-id="A.8.20"]')).toBeVisible();
    // The file comes back as it went up.
    const download = page.waitForEvent('download');
    await version.getByRole('button', { name: `Download firewall-review-${run}.pdf` }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`firewall-review-${run}.pdf`);
    expect(readFileSync(await saved.path(), 'utf8')).toBe(pdfText(title, 1536));
    await dismissNotifications(page);
    await portal.screen('evidence detail', title);
  });

  test('the ISMS manager rejects with a reason, the control owner brings a new version, the manager accepts it and the control becomes effective; their own evidence they cannot accept', async ({ page, portal }) => {
    test.setTimeout(180_000);
    const run = Date.now().toString(36);
    const title = `Security event monitoring report ${run}`;
    // The control owner collects it.
    await portal.signInAs(CONTROL_OWNER);
    await portal.navigate('My evidence');
    await addEvidenceWithFile(page, title, 'A.8.16', `monitoring-${run}.pdf`, false);
    await page.getByRole('dialog').getByTestId('evidence-add-submit').click();
    await expect(page.getByTestId('view-heading')).toHaveText(title);
    const detailUrl = page.url();
    await signOut(page);

    // The ISMS manager finds it in the review queue and rejects it: not without a reason.
    await portal.signInAs(ISMS_MANAGER);
    await portal.navigate('Evidence review');
    await expect(page.getByTestId('view-heading')).toHaveText('Evidence review');
    const queued = page.getByTestId('review-queue-table').locator(`[data-evidence-title="${title}"]`);
    await expect(queued).toBeVisible();
    await portal.screen('review queue', 'Evidence review');
    await queued.getByRole('button', { name: `Reject ${title}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('evidence-review-confirm').click();
    await expect(dialog.getByText('Say why it is rejected')).toBeVisible();
    await dialog.getByLabel('Reason for rejecting').fill('The report covers one week only: bring the whole month.');
    await portal.screen('reject with reason', 'Evidence review');
    await dialog.getByTestId('evidence-review-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(queued).toHaveCount(0);
    await dismissNotifications(page);
    await signOut(page);

    // The control owner reads the reason and brings a new version (a link this time).
    await portal.signInAs(CONTROL_OWNER);
    await page.goto(detailUrl);
    await expect(page.getByTestId('evidence-status')).toHaveText('Rejected');
    await expect(page.getByTestId('evidence-review-reason')).toContainText('bring the whole month');
    await page.getByTestId('evidence-new-version').click();
    const versionDialog = page.getByRole('dialog');
    await versionDialog.getByLabel('A link').check();
    await versionDialog.getByLabel('Address (https)').fill(`https://siem.demo.example/reports/${run}/month`);
    await versionDialog.getByTestId('evidence-version-submit').click();
    await expect(versionDialog).toHaveCount(0);
    await expect(page.getByTestId('evidence-status')).toHaveText('Awaiting review');
    await expect(page.locator('[data-testid="evidence-version"][data-version="1"]')).toHaveAttribute('data-version-status', 'SUPERSEDED');
    await expect(page.locator('[data-testid="evidence-version"][data-version="2"]')).toContainText(`https://siem.demo.example/reports/${run}/month`);
    await signOut(page);

    // The ISMS manager accepts version 2 from its page; the control it supports becomes effective (through Kafka).
    await portal.signInAs(ISMS_MANAGER);
    await page.goto(detailUrl);
    await expect(page.getByTestId('view-heading')).toHaveText(title);
    const control = page.getByTestId('evidence-controls').locator('[data-control-id="A.8.16"]');
    await expect(control.getByTestId('evidence-control-operating')).not.toHaveText('Effective');
    await page.getByTestId('evidence-accept').click();
    await page.getByRole('dialog').getByTestId('evidence-review-confirm').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('evidence-status')).toHaveText('Accepted');
    await expect(async () => {
      await page.reload();
      await expect(control.getByTestId('evidence-control-operating')).toHaveText('Effective', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await dismissNotifications(page);
    await portal.screen('accepted, control effective', title);

    // The Statement of Applicability shows it too.
    await portal.navigate('Statement of Applicability');
    await page.getByTestId('soa-search').fill('A.8.16');
    await expect(page.getByTestId('soa-table').locator('[data-control-id="A.8.16"]')).toContainText('Effective');

    // Evidence the manager collected: the API refuses their acceptance, and the portal says why.
    await portal.navigate('Evidence');
    await page.getByTestId('evidence-new').click();
    const add = page.getByRole('dialog');
    const own = `Own monitoring note ${run}`;
    await add.getByLabel('Title').fill(own);
    await choose(page, 'Department', IT_OPERATIONS);
    await add.getByRole('combobox', { name: 'Controls it supports' }).fill('A.8.16');
    await page.getByRole('option', { name: /^A\.8\.16 / }).click();
    await page.keyboard.press('Escape');
    await add.getByLabel('A note').check();
    await add.getByRole('textbox', { name: 'Note', exact: true }).fill('Checked the SIEM alert rules with the SOC lead.');
    await add.getByTestId('evidence-add-submit').click();
    await expect(page.getByTestId('view-heading')).toHaveText(own);
    await expect(page.getByTestId('evidence-own-work')).toBeVisible();
    await page.getByTestId('evidence-accept').click();
    await page.getByRole('dialog').getByTestId('evidence-review-confirm').click();
    await expect(page.getByTestId('evidence-review-refusal')).toContainText('Segregation of duties: you collected this version');
    await portal.screen('own evidence refused', own);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('evidence-status')).toHaveText('Awaiting review');

    // Expiring soon: the demo's access review ends within two weeks.
    await portal.navigate('Expiring evidence');
    await expect(page.getByTestId('expiring-table').locator('[data-evidence-title="Quarterly access review, card platform"]').getByTestId('evidence-freshness')).toContainText('Expiring soon');
    await dismissNotifications(page);
    await portal.screen('expiring evidence', 'Expiring evidence');

    // Evidence per control and per department.
    await portal.navigate('Evidence');
    await page.getByRole('combobox', { name: 'Control', exact: true }).click();
    await page.getByRole('combobox', { name: 'Control', exact: true }).fill('A.8.13');
    await page.getByRole('option', { name: /^A\.8\.13 / }).click();
    await expect(page).toHaveURL(/control=A\.8\.13/);
    const links = page.getByTestId('evidence-table').getByTestId('evidence-link');
    await expect(links.filter({ hasText: 'Restore test report, payment database' })).toHaveCount(1);
    await expect(links.filter({ hasText: 'Endpoint hardening baseline' })).toHaveCount(0);
    await portal.screen('evidence of a control', 'Evidence');
  });

  test('an employee is offered no evidence screen and is turned away from one in words', async ({ page, portal }) => {
    await portal.signInAs('employee@demo.example');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
    for (const label of ['Evidence', 'My evidence', 'Evidence review', 'Expiring evidence']) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    for (const path of ['/evidence', '/my/evidence', '/evidence/review', '/evidence/expiring']) {
      await page.goto(path);
      await expect(page.getByTestId('not-allowed')).toBeVisible();
    }
    await portal.screen('employee turned away', 'Not available for your role');
  });

  test('the external auditor sees only the accepted evidence of the grant, read-only, and downloads its file', async ({ page, portal }) => {
    await portal.signInAs('auditor@certbody.example');
    await expect(page.getByTestId('auditor-banner')).toContainText('Read-only audit access');
    await portal.navigate('Evidence');
    const table = page.getByTestId('evidence-table');
    // Payments and IT Operations, accepted only: not Customer Service, not evidence awaiting review.
    await expect(table.locator('[data-evidence-title="Restore test report, payment database"]')).toBeVisible();
    await expect(table.locator('[data-evidence-title="Quarterly access review, card platform"]')).toBeVisible();
    await expect(table.locator('[data-evidence-title="Call recording retention check"]')).toHaveCount(0);
    await expect(table.locator('[data-evidence-title="Endpoint hardening baseline"]')).toHaveCount(0);
    await expect(table.locator('[data-evidence-status]:not([data-evidence-status="APPROVED"])')).toHaveCount(0);
    await expect(page.getByTestId('evidence-new')).toHaveCount(0);
    await portal.screen('auditor evidence', 'Evidence');

    await table.getByRole('link', { name: 'Restore test report, payment database' }).click();
    await expect(page.getByTestId('view-heading')).toHaveText('Restore test report, payment database');
    for (const action of ['evidence-accept', 'evidence-reject', 'evidence-new-version']) await expect(page.getByTestId(action)).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Unmap/ })).toHaveCount(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download backup-restore-test.txt' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('backup-restore-test.txt');
    expect(readFileSync(await saved.path(), 'utf8')).toContain('checksums match');
    await portal.screen('auditor evidence detail', 'Restore test report, payment database');
  });
});
