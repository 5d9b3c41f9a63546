import { expect, test, type Page } from '../support/portal';
import { api, gatewayOf } from '../support/api';

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

const STAGE_1 = 'Stage 1 certification audit (documentation review)';
const INTERNAL = 'Internal audit of access control';

test.describe('ISMS manager and external auditor', () => {
  test('grant an auditor one engagement, invite them, see them work read-only inside the grant only, and revoke the access', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const auditor = `Auditor ${run}`;
    const email = `auditor.${run}@certbody.example`;
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

    const learnt = gatewayOf(page);
    await portal.signInAs('isms.manager@demo.example');
    const gateway = await learnt;
    const { engagements } = await api<{ engagements: { id: string; title: string }[] }>(page, gateway, 'isms.manager@demo.example', '{ engagements { id title } }');
    const internal = engagements.find((engagement) => engagement.title === INTERNAL);
    expect(internal, 'the demo internal audit').toBeDefined();

    // The Stage 1 engagement: the certification body's lead auditor already has access (demo data).
    await portal.navigate('Audit engagements');
    await page.getByRole('link', { name: STAGE_1 }).click();
    await expect(page.getByTestId('view-heading')).toHaveText(STAGE_1);
    const grants = page.getByTestId('grants-table');
    await expect(grants.locator('[data-grant-auditor="Olivia Brandt"]')).toContainText('Active');

    // A second auditor of the firm: Payments only, the last six months, access for a month.
    await page.getByTestId('grant-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Auditor').fill(auditor);
    await dialog.getByLabel('E-mail').fill(email);
    await dialog.getByLabel('Firm').fill('CertBody Ltd');
    await choose(page, 'Units in scope', 'Retail Banking / Payments');
    await dialog.getByLabel('Observation period from').fill(inDays(-180));
    await dialog.getByLabel('Observation period to').fill(inDays(0));
    await dialog.getByLabel('Access ends on').fill(inDays(30));
    await portal.screen('grant access', STAGE_1);
    await dialog.getByRole('button', { name: 'Grant access' }).click();
    await expect(dialog).toHaveCount(0);
    const row = grants.locator(`[data-grant-auditor="${auditor}"]`);
    await expect(row).toContainText('Payments');
    await expect(row).toContainText('Active');

    // The one-time invitation link, shown once.
    await row.getByRole('button', { name: `Actions for ${auditor}` }).click();
    await page.getByRole('menuitem', { name: 'Invite (one-time link)' }).click();
    const link = await page.getByTestId('invitation-link').inputValue();
    expect(link).toMatch(/\/auditor\/invitation#code=iso_inv_/);
    await portal.screen('invitation link', STAGE_1);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/signed-out');

    // The auditor opens the link: read-only, one engagement, the grant's units.
    await page.goto(link);
    const banner = page.getByTestId('auditor-banner');
    await expect(banner).toContainText('Read-only audit access');
    await expect(banner).toContainText(STAGE_1);
    await expect(banner).toContainText('Payments');
    await expect(page.getByTestId('signed-in-user')).toContainText(email);
    expect(page.url()).not.toContain('iso_inv_');
    await portal.screen('auditor home');
    await portal.navigate('Audit engagements');
    await expect(page.getByTestId('view-heading')).toHaveText('Audit engagements');
    const listed = page.getByTestId('engagements-table').getByTestId('engagement-link');
    await expect(listed).toHaveText([STAGE_1]);
    await expect(page.getByRole('link', { name: INTERNAL })).toHaveCount(0);
    await portal.screen('auditor engagements', 'Audit engagements');
    await portal.navigate('Units');
    await expect(page.getByTestId('view-heading')).toHaveText('Units');
    await expect(page.getByText('Payments', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('IT Operations')).toHaveCount(0);
    await portal.screen('auditor units');

    // Another engagement, by its address: refused in words.
    await page.goto(`/audit/engagements/${internal!.id}`); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    await expect(page.getByText(/outside your grant/)).toBeVisible();

    // The ISMS manager revokes the access: the auditor's next request is refused.
    const { auditGrants } = await api<{ auditGrants: { id: string; auditorEmail: string }[] }>(page, gateway, 'isms.manager@demo.example', '{ auditGrants { id auditorEmail } }');
    const grant = auditGrants.find((candidate) => candidate.auditorEmail === email);
    await api(page, gateway, 'isms.manager@demo.example', 'mutation($id: ID!) { revokeAuditorAccess(id: $id) { status } }', { id: grant!.id }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    await page.goto('/');
    await expect(page.getByText('the audit grant is revoked').first()).toBeVisible();

    // The link worked once.
    await page.goto(link);
    await expect(page.getByTestId('invitation-error')).toContainText(/unknown or was already used|revoked/);
  });
});
