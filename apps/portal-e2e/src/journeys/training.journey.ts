import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '../support/portal';
import { api, gatewayOf } from '../support/api';

const EMPLOYEE = 'employee@demo.example';
const MANAGER = 'isms.manager@demo.example';
const QUIZ_COURSE = 'Phishing: spot it, report it';

/** The right options of the demo quiz, by question (tools/dev/demo-data.ts). */
const RIGHT: Record<string, string[]> = {
  'What do you do with a suspicious e-mail?': ['Report it with the Report button'],
  'Who may know your password?': ['Nobody but you'],
  'Which are signs of phishing?': ['Urgent pressure to act', 'A sender address that does not match'],
};
const WRONG: Record<string, string[]> = {
  'What do you do with a suspicious e-mail?': ['Forward it to colleagues'],
  'Who may know your password?': ['The IT helpdesk'],
  'Which are signs of phishing?': ['Your usual weekly newsletter'],
};

interface Assignments {
  assignments: { id: string; status: string; course: { title: string } }[];
}

/** The employee's open assignment of the quiz course; assigned afresh by the ISMS manager once completed (a second run). */
async function openQuizAssignment(page: Page, gateway: string): Promise<string> {
  const mine = await api<Assignments>(page, gateway, EMPLOYEE, '{ assignments { id status course { title } } }');
  const open = mine.assignments.find((a) => a.course.title === QUIZ_COURSE && ['ASSIGNED', 'IN_PROGRESS', 'OVERDUE'].includes(a.status));
  if (open) return open.id;
  const { me } = await api<{ me: { id: string } }>(page, gateway, EMPLOYEE, '{ me { id } }');
  const { courses } = await api<{ courses: { id: string; title: string }[] }>(page, gateway, MANAGER, '{ courses { id title } }');
  const course = courses.find((c) => c.title === QUIZ_COURSE);
  expect(course, `the demo course “${QUIZ_COURSE}”`).toBeDefined();
  const dueOn = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const { assignCourse } = await api<{ assignCourse: { id: string } }>(page, gateway, MANAGER, 'mutation($i: AssignCourseInput!) { assignCourse(input: $i) { id } }', {
    i: { courseId: course?.id, personId: me.id, dueOn },
  });
  return assignCourse.id;
}

/** Answers every question shown with the given options (by their text). */
async function answer(page: Page, key: Record<string, string[]>): Promise<void> {
  const questions = page.getByTestId('quiz-question');
  await expect(questions).toHaveCount(2);
  for (const question of await questions.all()) {
    const text = (await question.getByRole('heading').innerText()).replace(/^\d+\.\s*/, '');
    const options = key[text];
    expect(options, `a known question: ${text}`).toBeDefined();
    for (const option of options ?? []) await question.getByLabel(option, { exact: true }).check();
  }
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Closes the success messages, so they cover nothing the journey clicks next. */
async function dismissNotifications(page: Page): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Dismiss the message' }).all()) await button.click().catch(() => undefined);
}

test.describe('course player and course catalogue', () => {
  test('the employee fails the quiz, sees the attempts left, passes and downloads the certificate', async ({ page, portal }) => {
    test.setTimeout(120_000);
    const learnt = gatewayOf(page);
    await portal.signInAs(EMPLOYEE);
    const gateway = await learnt;
    const assignmentId = await openQuizAssignment(page, gateway);
    await page.reload();
    await portal.navigate('My courses');
    await portal.screen('my courses', 'My courses');
    await page.getByTestId('my-course-row').filter({ hasText: QUIZ_COURSE }).first().getByRole('link', { name: QUIZ_COURSE }).click();
    await page.waitForURL(new RegExp(`/my/courses/${assignmentId}$`)).catch(() => undefined);
    await expect(page.getByTestId('view-heading')).toHaveText(QUIZ_COURSE);
    await expect(page.getByTestId('course-content')).toContainText('report');
    await expect(page.getByTestId('quiz-attempts-left')).toHaveText('3 attempts left.');

    await page.getByTestId('quiz-start').click();
    await answer(page, WRONG);
    await page.getByTestId('quiz-submit').click();
    await expect(page.getByTestId('quiz-result')).toContainText('Not passed');
    await expect(page.getByTestId('quiz-result-text')).toContainText('2 attempts left');
    await expect(page.getByTestId('quiz-attempts-left')).toHaveText('2 attempts left.');
    await portal.screen('quiz not passed', QUIZ_COURSE);

    await page.getByTestId('quiz-start').click();
    await answer(page, RIGHT);
    await page.getByTestId('quiz-submit').click();
    await expect(page.getByTestId('quiz-result')).toContainText('Passed with 100 %');
    await expect(page.getByTestId('course-completed')).toContainText('with 100 %');

    const download = page.waitForEvent('download');
    await page.getByTestId('certificate-download').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`certificate-${assignmentId}.pdf`);
    expect(readFileSync(await saved.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await portal.screen('quiz passed', QUIZ_COURSE);
  });

  test('the ISMS manager creates a course with content and two quiz questions', async ({ page, portal }) => {
    const run = Date.now().toString(36);
    const title = `Clean desk ${run}`;
    await portal.signInAs(MANAGER);
    await portal.navigate('Courses');
    await portal.screen('courses', 'Courses');
    await page.getByTestId('course-create').click();
    await page.getByTestId('course-title').fill(title);
    await page.getByTestId('course-content').fill('# Clean desk\n\nLock papers away and your screen when you leave.');
    for (const [text, options, correct] of [
      ['Where do papers go at night?', 'In a locked drawer\nOn the desk', '1'],
      ['What do you lock when you leave?', 'Your screen\nYour drawer\nThe window', '1,2'],
    ] as const) {
      await page.getByTestId('course-add-question').click();
      const question = page.getByTestId('course-question').last();
      if (correct.includes(',')) {
        await question.getByTestId('course-question-kind').click();
        await page.getByRole('option', { name: 'Multiple choice' }).click();
      }
      await question.getByTestId('course-question-text').fill(text);
      await question.getByTestId('course-question-options').fill(options);
      await question.getByTestId('course-question-correct').fill(correct);
    }
    await page.getByTestId('course-questions-per-attempt').fill('2');
    await page.getByTestId('course-save').click();
    const row = page.getByTestId('course-row').filter({ hasText: title });
    await expect(row).toContainText('v1');
    await expect(row).toContainText('quiz');
  });
});

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
