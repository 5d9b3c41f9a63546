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
