import { randomUUID } from 'node:crypto';
import { Consumer, Producer } from 'kafkajs';
import { Claims, CLAIMS_HEADER, Role, signClaimsToken } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id currentVersion content { kind markdown url fileId } } }`;
const SET_QUIZ = `mutation($input: SetCourseQuizInput!) { setCourseQuiz(input: $input) { version passMarkPercent questions { id text correctOptionIds options { id text } } } }`;
const ASSIGN = `mutation($input: AssignCourseInput!) { assignCourse(input: $input) { id status } }`;
const COMPLETE = `mutation($id: ID!) { completeAssignment(id: $id) { id status } }`;
const START_COURSE = `mutation($id: ID!) { startCourse(assignmentId: $id) { status courseVersion hasQuiz attemptsLeft } }`;
const START_ATTEMPT = `mutation($id: ID!) { startQuizAttempt(assignmentId: $id) { id attemptsLeftAfter questions { id kind text options { id text } } } }`;
const SUBMIT = `mutation($input: SubmitQuizAttemptInput!) { submitQuizAttempt(input: $input) { score passed right questionCount attemptsLeft assignmentStatus } }`;
const PLAYER = `query($id: ID!) { coursePlayer(assignmentId: $id) { status attemptsUsed attemptsLeft score completedAt } }`;
const GRANT = `mutation($input: GrantQuizAttemptInput!) { grantQuizAttempt(input: $input) { attemptsLeft } }`;
const PUBLISH = `mutation($input: PublishCourseVersionInput!) { publishCourseVersion(input: $input) { retakeAssignments course { currentVersion content { kind url } } version { version retakeRequired hasQuiz } } }`;
const VERSIONS = `query { courses { id versions { version retakeRequired } } }`;

interface Option { id: string; text: string }
interface Question { id: string; kind: string; text: string; options: Option[] }
interface PoolQuestion extends Question { correctOptionIds: string[] }
interface Person { id: string; email: string; name: string }

/** Four questions: the right option's text always starts with "right". */
const POOL = [
  { kind: 'SINGLE_CHOICE', text: 'Where do you report a phishing e-mail?', options: ['right: the security team', 'wrong: reply to it'], correctOptions: [0] },
  { kind: 'SINGLE_CHOICE', text: 'May you share your password?', options: ['wrong: with IT', 'right: never'], correctOptions: [1] },
  { kind: 'MULTIPLE_CHOICE', text: 'What makes a strong password?', options: ['right: length', 'right: uniqueness', 'wrong: your birthday'], correctOptions: [0, 1] },
  { kind: 'SINGLE_CHOICE', text: 'Lock your screen when?', options: ['right: whenever you leave it', 'wrong: at night only'], correctOptions: [0] },
];

const rightAnswers = (questions: Question[]) => questions.map((q) => ({ questionId: q.id, optionIds: q.options.filter((o) => o.text.startsWith('right')).map((o) => o.id) }));
const wrongAnswers = (questions: Question[]) => questions.map((q) => ({ questionId: q.id, optionIds: [q.options.find((o) => o.text.startsWith('wrong'))!.id] }));

describe('training-service: course content, quizzes and versions', () => {
  const prefix = uniqueTopicPrefix('quiz');
  let service: TestSubgraph<TrainingConfig>;
  let producer: Producer;
  let watcher: Consumer;
  const seen: { key?: string; value: unknown }[] = [];

  async function person(name: string): Promise<Person> {
    const p = { id: randomUUID(), email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`, name };
    const envelope = {
      id: randomUUID(), type: 'isms.person.upserted', version: 1, occurredAt: new Date().toISOString(), source: 'isms-service', organisationId: TEST_ORGANISATION_ID,
      actor: 'isms-test', subjectId: p.id, correlationId: randomUUID(), causationId: null,
      data: { id: p.id, email: p.email, name, unitId: null, managerId: null, jobRole: null, active: true },
    };
    await producer.send({ topic: `${prefix}isms.person.v1`, acks: -1, messages: [{ key: p.id, value: JSON.stringify(envelope) }] });
    await eventually(`${name} in the replica`, async () => (await service.deps.dataSource.query('SELECT 1 FROM person_replica WHERE person_id = $1', [p.id])).length > 0);
    return p;
  }

  async function counts(): Promise<Record<string, number>> {
    const [row] = await service.deps.dataSource.query(
      `SELECT (SELECT count(*) FROM assignment)::int AS assignments, (SELECT count(*) FROM quiz_attempt)::int AS attempts,
              (SELECT count(*) FROM quiz_attempt WHERE submitted_at IS NOT NULL)::int AS submitted, (SELECT count(*) FROM outbox_event)::int AS events,
              (SELECT count(*) FROM course)::int AS courses, (SELECT count(*) FROM course_version)::int AS versions, (SELECT count(*) FROM quiz_question)::int AS questions`,
    );
    return row;
  }

  async function courseWithQuiz(title: string, settings: { passMarkPercent: number; questionsPerAttempt: number; maxAttempts: number }): Promise<{ id: string; pool: PoolQuestion[] }> {
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(CREATE_COURSE, {
      input: { title, kind: 'AWARENESS', durationMinutes: 20, content: { kind: 'MARKDOWN', markdown: '# Phishing\nReport it.' } },
    });
    const { setCourseQuiz } = await service.ok<{ setCourseQuiz: { questions: PoolQuestion[] } }>(SET_QUIZ, { input: { courseId: createCourse.id, ...settings, questions: POOL } });
    return { id: createCourse.id, pool: setCourseQuiz.questions };
  }

  async function assign(courseId: string, personId: string): Promise<string> {
    const { assignCourse } = await service.ok<{ assignCourse: { id: string } }>(ASSIGN, { input: { courseId, personId, dueOn: '2030-06-30' } });
    return assignCourse.id;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    producer = testKafka('quiz-test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    watcher = testKafka().consumer({ groupId: `${prefix}watch` });
    await watcher.connect();
    await watcher.subscribe({ topic: `${prefix}training.assignment.v1`, fromBeginning: true });
    await watcher.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
  });
  afterAll(async () => {
    await watcher?.disconnect();
    await producer?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('a failed quiz leaves the assignment open with attempts counted; a pass completes it with its score and the event reaches the broker', async () => {
    const course = await courseWithQuiz('Phishing basics', { passMarkPercent: 75, questionsPerAttempt: 3, maxAttempts: 2 });
    const ada = await person('Ada Quiz');
    const id = await assign(course.id, ada.id);
    const adaClaims = testClaims([Role.Employee], { email: ada.email });

    const direct = await service.request(COMPLETE, { id }, adaClaims);
    expect(direct.errors?.[0]).toMatchObject({ message: expect.stringContaining('completed by passing the quiz'), extensions: { code: 'QUIZ_REQUIRED' } });

    const { startCourse } = await service.ok<{ startCourse: { status: string; courseVersion: number; hasQuiz: boolean; attemptsLeft: number } }>(START_COURSE, { id }, adaClaims);
    expect(startCourse).toEqual({ status: 'IN_PROGRESS', courseVersion: 1, hasQuiz: true, attemptsLeft: 2 });

    const first = (await service.ok<{ startQuizAttempt: { id: string; attemptsLeftAfter: number; questions: Question[] } }>(START_ATTEMPT, { id }, adaClaims)).startQuizAttempt;
    expect(first.questions).toHaveLength(3);
    expect(first.attemptsLeftAfter).toBe(1);
    expect(JSON.stringify(first)).not.toContain('correct');
    // The drawn questions are stored with the attempt, and asking again returns the same attempt.
    const [stored] = await service.deps.dataSource.query('SELECT question_ids FROM quiz_attempt WHERE id = $1', [first.id]);
    expect(stored.question_ids).toEqual(first.questions.map((q) => q.id));
    const again = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id }, adaClaims)).startQuizAttempt;
    expect(again).toMatchObject({ id: first.id, questions: first.questions });

    const failed = (await service.ok<{ submitQuizAttempt: Record<string, unknown> }>(SUBMIT, { input: { attemptId: first.id, answers: wrongAnswers(first.questions) } }, adaClaims)).submitQuizAttempt;
    expect(failed).toEqual({ score: 0, passed: false, right: 0, questionCount: 3, attemptsLeft: 1, assignmentStatus: 'IN_PROGRESS' });
    expect((await service.ok<{ coursePlayer: Record<string, unknown> }>(PLAYER, { id }, adaClaims)).coursePlayer).toMatchObject({ status: 'IN_PROGRESS', attemptsUsed: 1, attemptsLeft: 1, completedAt: null });

    const second = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id }, adaClaims)).startQuizAttempt;
    expect(second.id).not.toBe(first.id);
    const answers = rightAnswers(second.questions);
    answers[0] = wrongAnswers(second.questions)[0]; // 2 of 3 right: 66 %, below 75 %
    const nearly = (await service.ok<{ submitQuizAttempt: Record<string, unknown> }>(SUBMIT, { input: { attemptId: second.id, answers } }, adaClaims)).submitQuizAttempt;
    expect(nearly).toEqual({ score: 66, passed: false, right: 2, questionCount: 3, attemptsLeft: 0, assignmentStatus: 'IN_PROGRESS' });

    const before = await counts();
    const exhausted = await service.request(START_ATTEMPT, { id }, adaClaims);
    expect(exhausted.errors?.[0]).toMatchObject({ message: expect.stringContaining('ask your ISMS manager'), extensions: { code: 'QUIZ_NO_ATTEMPTS_LEFT', category: 'CONFLICT' } });
    const selfGrant = await service.request(GRANT, { input: { assignmentId: id, reason: 'one more' } }, testClaims([Role.IsmsManager], { email: ada.email }));
    expect(selfGrant.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ASSIGNEE' });
    const employeeGrant = await service.request(GRANT, { input: { assignmentId: id, reason: 'one more' } }, adaClaims);
    expect(employeeGrant.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const { grantQuizAttempt } = await service.ok<{ grantQuizAttempt: { attemptsLeft: number } }>(GRANT, { input: { assignmentId: id, reason: 'was ill during the second attempt' } });
    expect(grantQuizAttempt.attemptsLeft).toBe(1);

    const third = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id }, adaClaims)).startQuizAttempt;
    const passed = (await service.ok<{ submitQuizAttempt: Record<string, unknown> }>(SUBMIT, { input: { attemptId: third.id, answers: rightAnswers(third.questions) } }, adaClaims)).submitQuizAttempt;
    expect(passed).toEqual({ score: 100, passed: true, right: 3, questionCount: 3, attemptsLeft: 0, assignmentStatus: 'COMPLETED' });
    const [row] = await service.deps.dataSource.query('SELECT status, score, attempt_count, completed_at, started_at FROM assignment WHERE id = $1', [id]);
    expect(row).toMatchObject({ status: 'COMPLETED', score: 100, attempt_count: 3 });
    expect(row.completed_at).toBeInstanceOf(Date);
    expect(row.started_at).toBeInstanceOf(Date);

    const event = await eventually('the completion on the broker', () =>
      seen.map((m) => envelopeSchema.parse(m.value)).find((e) => e.subjectId === id && (e.data as { status: string }).status === 'COMPLETED'),
    );
    expect(event.data).toMatchObject({ id, status: 'COMPLETED', score: 100, personId: ada.id, courseId: course.id });
  });

  it('serves the completion certificate as a PDF to the person and to programme managers, and to no other employee', async () => {
    const course = await courseWithQuiz('Certificate course', { passMarkPercent: 50, questionsPerAttempt: 2, maxAttempts: 1 });
    const ada = await person('Ada Certificate');
    const bob = await person('Bob Certificate');
    const id = await assign(course.id, ada.id);
    const adaClaims = testClaims([Role.Employee], { email: ada.email });
    const certificate = async (claims: Claims, assignmentId = id) =>
      fetch(new URL(`/files/training/certificates/${assignmentId}.pdf`, service.url), { headers: { [CLAIMS_HEADER]: await signClaimsToken(claims, service.secret) } });

    const open = await certificate(adaClaims);
    expect(open.status).toBe(404); // not completed yet
    const attempt = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id }, adaClaims)).startQuizAttempt;
    await service.ok(SUBMIT, { input: { attemptId: attempt.id, answers: rightAnswers(attempt.questions) } }, adaClaims);

    for (const claims of [adaClaims, testClaims([Role.IsmsManager]), testClaims([Role.InternalAuditor])]) {
      const response = await certificate(claims);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(1000);
    }
    const other = await certificate(testClaims([Role.Employee], { email: bob.email }));
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
    expect((await certificate(adaClaims, 'not-an-id')).status).toBe(404);
    const unsigned = await fetch(new URL(`/files/training/certificates/${id}.pdf`, service.url));
    expect(unsigned.status).toBe(401);
  });

  it('grades against the questions drawn for the attempt, and refuses answers that do not fit, naming them, writing nothing', async () => {
    const course = await courseWithQuiz('Passwords', { passMarkPercent: 100, questionsPerAttempt: 2, maxAttempts: 3 });
    const grace = await person('Grace Quiz');
    const joan = await person('Joan Quiz');
    const id = await assign(course.id, grace.id);
    const graceClaims = testClaims([Role.Employee], { email: grace.email });
    const attempt = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id }, graceClaims)).startQuizAttempt;
    const drawn = new Set(attempt.questions.map((q) => q.id));
    const notDrawn = course.pool.find((q) => !drawn.has(q.id))!;
    const single = attempt.questions.find((q) => q.kind === 'SINGLE_CHOICE') ?? attempt.questions[0];

    const before = await counts();
    const cases: [unknown[], string][] = [
      [rightAnswers(attempt.questions).slice(0, 1), 'is not answered'],
      [[...rightAnswers(attempt.questions), { questionId: notDrawn.id, optionIds: [notDrawn.options[0].id] }], 'is not part of this attempt'],
      [rightAnswers(attempt.questions).map((a) => (a.questionId === single.id ? { ...a, optionIds: ['no-such-option'] } : a)), 'has no option no-such-option'],
    ];
    if (single.kind === 'SINGLE_CHOICE') {
      cases.push([rightAnswers(attempt.questions).map((a) => (a.questionId === single.id ? { ...a, optionIds: single.options.map((o) => o.id) } : a)), 'is single choice: give exactly one option']);
    }
    for (const [answers, message] of cases) {
      const refused = await service.request(SUBMIT, { input: { attemptId: attempt.id, answers } }, graceClaims);
      expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code: 'QUIZ_ANSWERS_INVALID', category: 'BAD_USER_INPUT' } });
    }
    // Someone else may neither take nor submit Grace's quiz, nor an ISMS manager on her behalf.
    const joanClaims = testClaims([Role.Employee], { email: joan.email });
    for (const claims of [joanClaims, testClaims([Role.IsmsManager])]) {
      const other = await service.request(SUBMIT, { input: { attemptId: attempt.id, answers: rightAnswers(attempt.questions) } }, claims);
      expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_ASSIGNEE', category: 'FORBIDDEN' } });
      expect((await service.request(START_ATTEMPT, { id }, claims)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ASSIGNEE' });
    }
    expect(await counts()).toEqual(before);

    // The quiz of an attempted version is frozen: editing it would change what was graded.
    const edit = await service.request(SET_QUIZ, { input: { courseId: course.id, passMarkPercent: 50, questionsPerAttempt: 1, maxAttempts: 1, questions: POOL.slice(0, 1) } });
    expect(edit.errors?.[0]).toMatchObject({ extensions: { code: 'QUIZ_IN_USE' } });

    // Grading uses the drawn questions: right answers to them pass at 100 %.
    const result = (await service.ok<{ submitQuizAttempt: Record<string, unknown> }>(SUBMIT, { input: { attemptId: attempt.id, answers: rightAnswers(attempt.questions) } }, graceClaims)).submitQuizAttempt;
    expect(result).toMatchObject({ score: 100, passed: true, questionCount: 2, assignmentStatus: 'COMPLETED' });
    const resubmit = await service.request(SUBMIT, { input: { attemptId: attempt.id, answers: rightAnswers(attempt.questions) } }, graceClaims);
    expect(resubmit.errors?.[0]?.extensions).toMatchObject({ code: 'QUIZ_ATTEMPT_SUBMITTED' });
  });

  it('refuses malformed content and quizzes, writing nothing', async () => {
    const before = await counts();
    const http = await service.request(CREATE_COURSE, { input: { title: 'Bad link', kind: 'AWARENESS', durationMinutes: 5, content: { kind: 'LINK', url: 'http://example.test/course' } } });
    expect(http.errors?.[0]).toMatchObject({ message: 'content url must use https (got http)', extensions: { code: 'COURSE_CONTENT_INVALID' } });
    const mismatch = await service.request(CREATE_COURSE, { input: { title: 'Bad file', kind: 'AWARENESS', durationMinutes: 5, content: { kind: 'EVIDENCE_FILE', markdown: 'x' } } });
    expect(mismatch.errors?.[0]).toMatchObject({ message: 'content of kind EVIDENCE_FILE needs fileId' });
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(CREATE_COURSE, { input: { title: 'Plain', kind: 'POLICY', durationMinutes: 5 } });
    const afterCreate = await counts();
    const badQuiz = await service.request(SET_QUIZ, {
      input: { courseId: createCourse.id, passMarkPercent: 80, questionsPerAttempt: 3, maxAttempts: 1, questions: [{ kind: 'SINGLE_CHOICE', text: 'Q?', options: ['a', 'b'], correctOptions: [0, 1] }] },
    });
    expect(badQuiz.errors?.[0]).toMatchObject({ extensions: { code: 'QUIZ_INVALID' } });
    expect(badQuiz.errors?.[0]?.message).toContain('is single choice: mark exactly one option correct');
    expect(badQuiz.errors?.[0]?.message).toContain('questionsPerAttempt (3) is more than the 1 question(s)');
    expect(await counts()).toEqual({ ...before, courses: before.courses + 1, versions: before.versions + 1 });
    expect(await counts()).toEqual(afterCreate);
  });

  it('publishing a version that everyone must retake opens a new assignment for each completion of an older version, keeping the history', async () => {
    const course = await courseWithQuiz('Clean desk', { passMarkPercent: 50, questionsPerAttempt: 2, maxAttempts: 2 });
    const alan = await person('Alan Retake');
    const mary = await person('Mary Retake');
    const alanId = await assign(course.id, alan.id);
    const maryId = await assign(course.id, mary.id);
    const alanClaims = testClaims([Role.Employee], { email: alan.email });
    const attempt = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id: alanId }, alanClaims)).startQuizAttempt;
    await service.ok(SUBMIT, { input: { attemptId: attempt.id, answers: rightAnswers(attempt.questions) } }, alanClaims);

    const noDays = await service.request(PUBLISH, { input: { courseId: course.id, retakeRequired: true } });
    expect(noDays.errors?.[0]).toMatchObject({ extensions: { code: 'RETAKE_DUE_REQUIRED' } });
    const badLink = await service.request(PUBLISH, { input: { courseId: course.id, retakeRequired: false, content: { kind: 'LINK', url: 'ftp://x.test' } } });
    expect(badLink.errors?.[0]).toMatchObject({ extensions: { code: 'COURSE_CONTENT_INVALID' } });

    const { publishCourseVersion } = await service.ok<{ publishCourseVersion: Record<string, unknown> }>(PUBLISH, {
      input: { courseId: course.id, retakeRequired: true, retakeDueInDays: 30, changeNote: 'new clean desk rules', content: { kind: 'LINK', url: 'https://learn.example.test/clean-desk-v2' } },
    });
    expect(publishCourseVersion).toEqual({
      retakeAssignments: 1,
      course: { currentVersion: 2, content: { kind: 'LINK', url: 'https://learn.example.test/clean-desk-v2' } },
      version: { version: 2, retakeRequired: true, hasQuiz: true },
    });
    const rows = await service.deps.dataSource.query('SELECT id, person_id, status, course_version, due_on::text AS due_on FROM assignment WHERE course_id = $1 ORDER BY created_at', [course.id]);
    const alans = rows.filter((r: { person_id: string }) => r.person_id === alan.id);
    expect(alans.map((r: { status: string; course_version: number | null }) => [r.status, r.course_version])).toEqual([['COMPLETED', 1], ['ASSIGNED', 2]]);
    // Mary had not completed: her open assignment is untouched, not doubled.
    expect(rows.filter((r: { person_id: string }) => r.person_id === mary.id).map((r: { id: string }) => r.id)).toEqual([maryId]);
    const retake = alans[1];
    const expectedDue = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 30)).toISOString().slice(0, 10);
    expect(retake.due_on).toBe(expectedDue);
    await eventually('the retake assignment on the broker', () => seen.find((m) => m.key === retake.id));

    // The new version's quiz was copied; the retake is graded on version 2.
    const retakeAttempt = (await service.ok<{ startQuizAttempt: { id: string; questions: Question[] } }>(START_ATTEMPT, { id: retake.id }, alanClaims)).startQuizAttempt;
    const [{ version }] = await service.deps.dataSource.query('SELECT version FROM quiz_attempt WHERE id = $1', [retakeAttempt.id]);
    expect(version).toBe(2);

    // Publishing again without retake opens nothing; the history keeps every version.
    const quiet = await service.ok<{ publishCourseVersion: { retakeAssignments: number } }>(PUBLISH, { input: { courseId: course.id, retakeRequired: false } });
    expect(quiet.publishCourseVersion.retakeAssignments).toBe(0);
    const { courses } = await service.ok<{ courses: { id: string; versions: { version: number; retakeRequired: boolean }[] }[] }>(VERSIONS, {}, alanClaims);
    expect(courses.find((c) => c.id === course.id)!.versions).toEqual([
      { version: 3, retakeRequired: false },
      { version: 2, retakeRequired: true },
      { version: 1, retakeRequired: false },
    ]);
    const denied = await service.request(PUBLISH, { input: { courseId: course.id, retakeRequired: false } }, alanClaims);
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
