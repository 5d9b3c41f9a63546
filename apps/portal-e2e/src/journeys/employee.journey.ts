import { expect, test, type Page } from '../support/portal';
import { api, gatewayOf } from '../support/api';

const DEMO_POLICY = 'Information security policy';
const DEMO_COURSE = 'Information security awareness 2026';
const DEMO_ENGAGEMENT = 'Internal audit of access control';
const EMPLOYEE = 'employee@demo.example';
const MANAGER = 'isms.manager@demo.example';

/** "1 Dec 2026", as the portal shows dates. */
function shown(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

interface Pending {
  myPendingPolicyAcknowledgements: { id: string; policyTitle: string }[];
}

/**
 * The policy the employee acknowledges: the demo information security policy while it is pending; once they have
 * acknowledged it (a second run), a policy for everyone published afresh, so the journey always acknowledges one.
 */
async function policyToAcknowledge(page: Page, gateway: string, run: string): Promise<{ title: string; heading: string }> {
  const pending = await api<Pending>(page, gateway, EMPLOYEE, '{ myPendingPolicyAcknowledgements { id policyTitle } }');
  if (pending.myPendingPolicyAcknowledgements.some((task) => task.policyTitle === DEMO_POLICY)) return { title: DEMO_POLICY, heading: DEMO_POLICY };
  const title = `Acceptable use policy ${run}`;
  const heading = `Acceptable use (${run})`;
  const created = await api<{ createPolicy: { versions: { id: string }[] } }>(
    page,
    gateway,
    MANAGER,
    'mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { versions { id } } }',
    { i: { title, approverRole: 'EXECUTIVE', audience: { everyone: true }, content: { body: `# ${heading}\n\nUse the bank's systems for its business.`, changeSummary: 'First issue' } } },
  );
  const versionId = created.createPolicy.versions[0]?.id;
  await api(page, gateway, MANAGER, 'mutation($v: ID!) { submitPolicyVersionForApproval(versionId: $v) { id } }', { v: versionId });
  await api(page, gateway, 'ceo@demo.example', 'mutation($v: ID!) { approvePolicyVersion(versionId: $v) { id } }', { v: versionId });
  await api(page, gateway, MANAGER, 'mutation($v: ID!) { publishPolicyVersion(versionId: $v) { id } }', { v: versionId });
  // The tasks reach training through the event stream.
  await expect
    .poll(async () => (await api<Pending>(page, gateway, EMPLOYEE, '{ myPendingPolicyAcknowledgements { id policyTitle } }')).myPendingPolicyAcknowledgements.map((t) => t.policyTitle), {
      timeout: 30_000,
    })
    .toContain(title);
  return { title, heading };
}

interface Assignments {
  assignments: { id: string; dueOn: string; status: string; course: { id: string; title: string } }[];
}

/** The employee's open assignment of the demo course; assigned again by the ISMS manager once completed (a second run). */
async function openAssignment(page: Page, gateway: string): Promise<{ id: string; dueOn: string }> {
  const mine = async () => (await api<Assignments>(page, gateway, EMPLOYEE, '{ assignments { id dueOn status course { id title } } }')).assignments.filter((a) => a.course.title === DEMO_COURSE);
  const open = (await mine()).find((a) => a.status !== 'COMPLETED');
  if (open) return open;
  const { me } = await api<{ me: { id: string } }>(page, gateway, EMPLOYEE, '{ me { id } }');
  const { courses } = await api<{ courses: { id: string; title: string }[] }>(page, gateway, MANAGER, '{ courses { id title } }');
  const course = courses.find((c) => c.title === DEMO_COURSE);
  expect(course, `the demo course “${DEMO_COURSE}”`).toBeDefined();
  const dueOn = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const { assignCourse } = await api<{ assignCourse: { id: string; dueOn: string } }>(
    page,
    gateway,
    MANAGER,
    'mutation($i: AssignCourseInput!) { assignCourse(input: $i) { id dueOn } }',
    { i: { courseId: course?.id, personId: me.id, dueOn } },
  );
  return assignCourse;
}

test.describe('employee and internal auditor', () => {
  test('acknowledge a policy, complete training, and raise an audit finding', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const learnt = gatewayOf(page);
    await portal.signInAs(EMPLOYEE);
    const gateway = await learnt;
    const policy = await policyToAcknowledge(page, gateway, run);
    const assignment = await openAssignment(page, gateway);
    await page.reload();

    // The policy: opened from the list, read (its Markdown rendered), acknowledged.
    await portal.navigate('Policies to acknowledge');
    const task = page.getByTestId('ack-tasks-row').filter({ has: page.getByRole('link', { name: policy.title, exact: true }) });
    await expect(task).toHaveCount(1);
    await portal.screen('policies to acknowledge', 'Policies to acknowledge');
    await task.getByRole('link', { name: policy.title, exact: true }).click();
    await expect(page.getByTestId('view-heading')).toHaveText(policy.title);
    await expect(page.getByTestId('policy-text').getByRole('heading', { name: policy.heading })).toBeVisible();
    await page.getByTestId('policy-end').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('acknowledge')).toBeEnabled();
    await portal.screen('reading the policy', policy.title);
    await page.getByTestId('acknowledge').click();
    await page.getByRole('dialog').getByRole('button', { name: 'I acknowledge it' }).click();
    await page.mouse.move(700, 10);
    await expect(page.getByTestId('view-heading')).toHaveText('Policies to acknowledge');
    await expect(page.getByRole('link', { name: policy.title, exact: true })).toHaveCount(0);
    await portal.screen('policy acknowledged', 'Policies to acknowledge');

    // The home page no longer asks for it.
    await page.getByTestId('nav-home').click();
    await page.mouse.move(700, 10);
    await expect(page.getByTestId('view-heading')).toHaveText('Good to see you, Emma');
    await expect(page.getByTestId('home-todos')).toContainText(`Complete the training “${DEMO_COURSE}”`);
    await expect(page.getByTestId('home-todos')).not.toContainText(`Read and acknowledge “${policy.title}”`);
    await portal.screen('employee home after acknowledging');

    // Training: the course with its due date, completed.
    await portal.navigate('My training');
    const row = page.locator(`[data-testid="assignments-table-row"][data-assignment-id="${assignment.id}"]`);
    await expect(row.getByTestId('assignment-course')).toHaveText(DEMO_COURSE);
    await expect(row.getByTestId('assignment-due')).toHaveText(shown(assignment.dueOn));
    await expect(row.getByTestId('assignment-status')).toHaveText(assignment.dueOn < new Date().toISOString().slice(0, 10) ? 'Overdue' : 'To do');
    await portal.screen('my training', 'My training');
    await row.getByTestId('assignment-complete').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mark as completed' }).click();
    await page.mouse.move(700, 10);
    await expect(row.getByTestId('assignment-status')).toHaveText('Completed');
    await expect(row).toContainText(`Completed ${shown(new Date().toISOString().slice(0, 10))}`);
    await portal.screen('training completed', 'My training');

    // The ISMS manager reads the acknowledgement record: which text (its SHA-256) was acknowledged, when, from where.
    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await portal.navigate('Policies');
    await page.getByTestId('policy-search').fill(policy.title);
    await page.getByRole('link', { name: policy.title, exact: true }).first().click();
    await expect(page.getByTestId('view-heading')).toHaveText(policy.title);
    await page.getByTestId('ack-people').locator('label', { hasText: /^Acknowledged$/ }).click();
    await page.getByRole('button', { name: 'Acknowledgement record of Emma Jones' }).click();
    const record = page.getByTestId('ack-history');
    await expect(record).toContainText('acknowledged');
    await expect(record.locator('code').last()).toHaveText(/^[0-9a-f]{16}…$/);
    await expect(record).toContainText(/127\.0\.0\.1/);
    await portal.screen('acknowledgement record', policy.title);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    // The internal auditor raises a finding in the demo engagement.
    const finding = `Leavers kept their card platform access for up to 30 days after leaving (sample of 25, ref ${run}).`;
    await page.getByTestId('sign-out').click();
    await portal.signInAs('internal.auditor@demo.example');
    await portal.navigate('Audit engagements');
    await portal.screen('audit engagements', 'Audit engagements');
    await page.getByRole('link', { name: DEMO_ENGAGEMENT, exact: true }).click();
    await expect(page.getByTestId('view-heading')).toHaveText(DEMO_ENGAGEMENT);
    await portal.screen('engagement', DEMO_ENGAGEMENT);
    await page.getByTestId('finding-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('finding-submit').click();
    await expect(dialog).toContainText('Choose how serious the finding is.');
    await dialog.getByRole('combobox', { name: 'Severity' }).click();
    await page.getByRole('option', { name: 'Minor nonconformity', exact: true }).click();
    await dialog.getByTestId('finding-clause').fill('11.2');
    await dialog.getByRole('combobox', { name: 'Annex A control' }).fill('A.5.18');
    await page.getByRole('option', { name: /^A\.5\.18 / }).click();
    await dialog.getByTestId('finding-description').fill(finding);
    await dialog.getByTestId('finding-submit').click();
    await expect(dialog).toContainText('A clause of ISO/IEC 27001:2022 from 4 to 10');
    await dialog.getByTestId('finding-clause').fill('9.2');
    await portal.screen('raising a finding', DEMO_ENGAGEMENT);
    await dialog.getByTestId('finding-submit').click();
    await expect(dialog).toBeHidden();
    await page.mouse.move(700, 10);
    const raised = page.getByTestId('findings-table-row').filter({ hasText: finding });
    await expect(raised).toContainText('Minor nonconformity');
    await expect(raised).toContainText('A.5.18 Access rights');
    await expect(raised).toContainText('9.2');
    await expect(raised).toContainText('by you');
    await portal.screen('finding raised', DEMO_ENGAGEMENT);
  });

  test('sees one inbox by due date, keeps a notification setting, and the ISMS manager reads the delivery log', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const learnt = gatewayOf(page);
    await portal.signInAs(EMPLOYEE);
    const gateway = await learnt;
    const policy = await policyToAcknowledge(page, gateway, run);
    const assignment = await openAssignment(page, gateway);
    await page.reload();

    // The inbox: the policy to acknowledge and the course with its due date, soonest due first.
    await portal.navigate('My inbox');
    await expect(page.getByTestId('view-heading')).toHaveText('My inbox');
    const rows = page.getByTestId('inbox-row');
    const policyRow = rows.filter({ hasText: policy.title });
    await expect(policyRow.first()).toContainText('Policy acknowledgement');
    const courseRow = page.locator(`[data-testid="inbox-row"][data-kind="COURSE_ASSIGNMENT"][data-title="${DEMO_COURSE}"]`);
    await expect(courseRow.first()).toContainText('Training');
    await expect(page.locator(`[data-testid="inbox-row"][data-kind="COURSE_ASSIGNMENT"][data-due="${assignment.dueOn}"]`).first()).toContainText(shown(assignment.dueOn));
    const dues = (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-due') ?? ''))).filter(Boolean);
    expect(dues).toEqual([...dues].sort());
    await portal.screen('my inbox', 'My inbox');
    // A row opens the place to act on it.
    await policyRow.first().getByTestId('inbox-item-link').click();
    await expect(page).toHaveURL(/\/my\/policies\/[0-9a-f-]{36}$/);

    // Notification settings: switched from the stored choice, saved, and still there after a reload.
    await portal.navigate('Notification settings');
    await expect(page.getByTestId('view-heading')).toHaveText('Notification settings');
    const immediate = page.getByRole('radio', { name: 'As they happen' });
    const digest = page.getByRole('radio', { name: 'One digest a day' });
    await expect(digest.or(immediate).first()).toBeVisible();
    const wasImmediate = await immediate.isChecked();
    await (wasImmediate ? digest : immediate).check();
    const chat = page.getByRole('switch', { name: 'Chat' });
    const chatWas = await chat.isChecked();
    await chat.setChecked(!chatWas, { force: true });
    await page.getByTestId('pref-save').click();
    await expect(page.getByTestId('pref-updated')).toContainText('Last changed');
    await page.reload();
    await expect(page.getByTestId('view-heading')).toHaveText('Notification settings');
    await expect(wasImmediate ? digest : immediate).toBeChecked();
    await expect(page.getByRole('switch', { name: 'Chat' })).toBeChecked({ checked: !chatWas });
    await portal.screen('notification settings kept', 'Notification settings');
    await page.getByTestId('sign-out').click();

    // The control owner's inbox holds the evidence requests asked of them, with due dates.
    await portal.signInAs('control.owner@demo.example');
    await portal.navigate('My inbox');
    const evidence = page.locator('[data-testid="inbox-row"][data-kind="EVIDENCE_REQUEST"]');
    await expect(evidence.first()).toContainText('Evidence request', { timeout: 30_000 });
    await expect(evidence.first()).toContainText(/Evidence for control A\.\d+\.\d+/);
    expect(await evidence.first().getAttribute('data-due')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await portal.screen('control owner inbox', 'My inbox');
    await page.getByTestId('sign-out').click();

    // The ISMS manager reads the delivery log (everyone's), filtered by status.
    await portal.signInAs(MANAGER);
    await portal.navigate('Notification deliveries');
    await expect(page.getByTestId('view-heading')).toHaveText('Notification deliveries');
    await expect(page.getByTestId('deliveries-row').or(page.getByTestId('deliveries-empty')).first()).toBeVisible();
    await portal.screen('delivery log', 'Notification deliveries');
    await page.getByTestId('delivery-status-filter').click();
    await page.getByRole('option', { name: 'FAILED', exact: true }).click();
    await expect(page.getByTestId('deliveries-row').or(page.getByTestId('deliveries-empty')).first()).toBeVisible();
    for (const status of await page.getByTestId('deliveries-row').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status')))) expect(status).toBe('FAILED');
  });
});
