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

  test('the control owner opens the request the demo opened, chooses a file, sees it upload and submits; the ISMS manager accepts the evidence and the request', async ({ page, portal }) => {
    test.setTimeout(180_000);
    const run = Date.now().toString(36);
    const fileName = `malware-report-${run}.pdf`;
    await portal.signInAs(CONTROL_OWNER);
    await portal.navigate('My evidence requests');
    // Flow 2: naming the control owner for A.8.7 in IT Operations opened its monthly request to them.
    await page.getByTestId('my-requests-table').getByTestId('request-link').filter({ hasText: 'Anti-malware coverage' }).first().click();
    await expect(page.getByTestId('view-heading')).toHaveText('Anti-malware coverage and detection reports');
    await expect(page.getByTestId('request-status')).toHaveText('Open');
    // A file chosen in the file chooser, on a slow uplink so the progress is there to be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    await page.locator('input[type="file"][aria-label="Evidence file"]').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: Buffer.from(pdfText(`Anti-malware ${run}`, 1536)) });
    const progress = page.getByTestId('evidence-upload-progress');
    await expect(progress).toContainText(`Uploading ${fileName}`);
    await expect(progress.getByRole('progressbar')).toBeVisible();
    await portal.screen('request upload in progress', 'Anti-malware coverage and detection reports');
    await expect(page.getByTestId('evidence-file-name')).toContainText(fileName, { timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    await page.getByTestId('request-add-evidence').click();
    const handedIn = page.getByTestId('request-evidence-item').filter({ hasText: 'Anti-malware coverage and detection reports' });
    await expect(handedIn).toHaveCount(1);
    await expect(handedIn.getByRole('checkbox')).toBeChecked();
    await page.getByTestId('request-submit').click();
    await expect(page.getByTestId('request-status')).toHaveText('Submitted');
    const requestUrl = page.url();
    await dismissNotifications(page);
    await portal.screen('request submitted', 'Anti-malware coverage and detection reports');
    await signOut(page);

    // The ISMS manager finds the evidence in the review queue and accepts it, then accepts the request.
    await portal.signInAs(ISMS_MANAGER);
    await portal.navigate('Evidence review');
    const queued = page.getByTestId('review-queue-table').locator('[data-evidence-title^="Anti-malware coverage and detection reports"]');
    await expect(queued).toHaveCount(1);
    await queued.getByRole('button', { name: /^Accept Anti-malware coverage/ }).click();
    await page.getByRole('dialog').getByTestId('evidence-review-confirm').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(queued).toHaveCount(0);
    await dismissNotifications(page);
    await portal.navigate('Evidence requests');
    await page.getByTestId('requests-table').getByTestId('request-link').filter({ hasText: 'Anti-malware coverage' }).first().click();
    await expect(page).toHaveURL(requestUrl);
    await expect(page.getByTestId('request-status')).toHaveText('Submitted');
    await expect(page.getByTestId('request-evidence-item').filter({ hasText: 'Anti-malware coverage and detection reports' }).getByTestId('evidence-status')).toHaveText('Accepted');
    await page.getByTestId('request-accept').click();
    await expect(page.getByTestId('request-status')).toHaveText('Accepted');
    await dismissNotifications(page);
    await portal.screen('request accepted', 'Anti-malware coverage and detection reports');
  });

  test('the ISMS manager sees the collectors with their last runs, runs one now and reads it in its history, configures an HTTP/JSON check whose failure says why, and disables it', async ({ page, portal }) => {
    test.setTimeout(180_000);
    const run = Date.now().toString(36);
    await portal.signInAs(ISMS_MANAGER);
    await portal.navigate('Evidence collectors');
    await expect(page.getByTestId('view-heading')).toHaveText('Evidence collectors');
    const table = page.getByTestId('collectors-table');
    // The demo's two configurations: awareness collected once, the access log not yet.
    const awareness = table.locator('[data-collector-id="training.awareness"]');
    const accessLog = table.locator('[data-collector-id="gateway.access-log"]');
    await expect(awareness.getByTestId('collector-last-run')).toHaveAttribute('data-outcome', /SUCCEEDED|PARTIAL|FAILED/);
    await expect(awareness).toContainText('30 2 * * 1');
    await expect(awareness).toContainText('A.6.3');
    await expect(accessLog).toContainText('A.8.15');
    await expect(accessLog.getByTestId('collector-last-run')).toHaveAttribute('data-outcome', 'NONE');
    await expect(accessLog.getByTestId('collector-next-run')).toContainText('next');
    await portal.screen('collectors', 'Evidence collectors');

    await accessLog.getByRole('button', { name: /^Run now: / }).click();
    await expect(accessLog.getByTestId('collector-last-run')).not.toHaveAttribute('data-outcome', 'NONE', { timeout: 60_000 });
    await dismissNotifications(page);
    await accessLog.getByTestId('collector-link').click();
    await expect(page.getByTestId('view-heading')).toContainText(': runs');
    const history = page.getByTestId('collector-runs-table');
    await expect(history.locator('[data-trigger="MANUAL"]')).toHaveCount(1);
    await expect(history.locator('[data-trigger="MANUAL"]').getByTestId('collector-run-outcome')).toHaveText(/Succeeded|Failed|Partly recorded/);
    await portal.screen('collector run history', 'Gateway access log: runs');

    // A new HTTP/JSON check from the registry, its form drawn from the collector's configuration schema.
    await page.getByRole('link', { name: 'All collectors' }).click();
    await page.getByTestId('collector-new').click();
    const dialog = page.getByRole('dialog');
    await choose(page, 'Collector', /\(http\.json\)/);
    await expect(dialog.getByTestId('collector-description')).toBeVisible();
    const name = `Status page check ${run}`;
    await dialog.getByLabel('Name').fill(name);
    await choose(page, 'Department', /IT Operations$/);
    // Required settings left empty are named before anything is sent.
    await dialog.getByTestId('collector-configure-submit').click();
    await expect(dialog).toContainText('URL is required');
    await expect(dialog).toContainText('Assertion: Path is required');
    await dialog.getByRole('textbox', { name: 'URL' }).fill('https://status.invalid/health');
    await dialog.getByRole('textbox', { name: 'Assertion: Path' }).fill('$.status');
    await dialog.getByRole('textbox', { name: 'Assertion: Expected' }).fill('"ok"');
    await portal.screen('configure collector', 'Evidence collectors');
    await dialog.getByTestId('collector-configure-submit').click();
    await expect(dialog).toHaveCount(0);
    const check = table.locator(`[data-collector-name="${name}"]`);
    await expect(check).toHaveAttribute('data-enabled', 'true');
    await expect(check.getByTestId('collector-last-run')).toHaveAttribute('data-outcome', 'NONE');
    await dismissNotifications(page);
    // The host does not exist: the run fails, and says why.
    await check.getByRole('button', { name: `Run now: ${name}` }).click();
    await expect(check.getByTestId('collector-last-run')).toHaveAttribute('data-outcome', 'FAILED', { timeout: 60_000 });
    await expect(check.getByTestId('collector-last-run')).toContainText(/\w{6,}/);
    await dismissNotifications(page);
    await check.getByTestId('collector-link').click();
    await expect(page.getByTestId('collector-runs-table').locator('[data-outcome="FAILED"]').getByTestId('collector-run-reason')).not.toHaveText('—');
    await portal.screen('failed run with reason', `${name}: runs`);
    await page.getByRole('link', { name: 'All collectors' }).click();
    await check.getByRole('button', { name: `Disable ${name}` }).click();
    await expect(check).toHaveAttribute('data-enabled', 'false');
    await expect(check.getByTestId('collector-next-run')).toContainText('disabled');
  });

  test('the ISMS manager opens the Stage 1 pack, reads the 17 artefacts with their status, generates the documents and downloads the ZIP with its manifest', async ({ page, portal }) => {
    test.setTimeout(180_000);
    await portal.signInAs(ISMS_MANAGER);
    await portal.navigate('Stage 1 pack');
    await expect(page.getByTestId('view-heading')).toHaveText('Stage 1 document pack');
    const checklist = page.getByTestId('stage1-checklist');
    await expect(checklist.locator('[data-artefact]')).toHaveCount(17);
    await expect(checklist.locator('[data-artefact="EV-01"]')).toBeVisible();
    await expect(checklist.locator('[data-artefact="EV-17"]').getByTestId('stage1-controls')).toContainText('applicable controls with accepted evidence');
    for (const status of await checklist.getByTestId('stage1-status').allTextContents()) expect(['Missing', 'Draft', 'Accepted', 'Expired']).toContain(status);
    await portal.screen('stage 1 checklist', 'Stage 1 document pack');

    await page.getByTestId('stage1-generate').click();
    const generated = page.getByTestId('stage1-generation');
    await expect(generated).toBeVisible({ timeout: 60_000 });
    // Each document the platform generates says what became of it; one that could not be generated says why, in words.
    const rows = generated.getByTestId('stage1-generated');
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) {
      const outcome = await row.getAttribute('data-outcome');
      expect(['CREATED', 'NEW_VERSION', 'UNCHANGED', 'NO_DATA', 'FAILED']).toContain(outcome);
      if (outcome === 'FAILED') await expect(row).toContainText(/Failed: \w+/);
    }
    // A new version awaits review: the artefact it is has evidence now, so it no longer reads as missing.
    for (const row of await generated.locator('[data-outcome="CREATED"], [data-outcome="NEW_VERSION"]').all()) {
      const artefactId = (await row.getAttribute('data-artefact')) ?? '';
      if (artefactId) await expect(checklist.locator(`[data-artefact="${artefactId}"]`)).not.toHaveAttribute('data-status', 'MISSING');
    }
    await dismissNotifications(page);
    await portal.screen('stage 1 generated', 'Stage 1 document pack');

    const download = page.waitForEvent('download');
    await page.getByTestId('stage1-download').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^stage1-pack-[0-9a-f-]{36}\.zip$/);
    const bytes = readFileSync(await saved.path());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(bytes.includes(Buffer.from('manifest.json'))).toBe(true);
    // The portal read the manifest out of the archive: every file with its SHA-256.
    const manifest = page.getByTestId('stage1-manifest');
    await expect(manifest.locator('[data-testid="stage1-manifest-file"][data-path="checklist.csv"]').getByTestId('stage1-manifest-sha256')).toHaveText(/^[0-9a-f]{64}$/);
    await portal.screen('stage 1 downloaded', 'Stage 1 document pack');
    // An artefact's evidence opens from the checklist.
    await checklist.getByTestId('stage1-evidence-link').first().click();
    await expect(page.getByTestId('evidence-status')).toBeVisible();
  });

  test('an employee is offered no evidence screen and is turned away from one in words', async ({ page, portal }) => {
    await portal.signInAs('employee@demo.example');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Home', exact: true })).toBeVisible();
    for (const label of ['Evidence', 'My evidence', 'Evidence review', 'Expiring evidence', 'Evidence collectors', 'Stage 1 pack']) await expect(nav.getByRole('link', { name: label, exact: true })).toHaveCount(0);
    for (const path of ['/evidence', '/my/evidence', '/evidence/review', '/evidence/expiring', '/evidence/collectors', '/evidence/stage1-pack']) {
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
