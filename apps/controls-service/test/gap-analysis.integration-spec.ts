import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { ANNEX_A, CLAUSE_REQUIREMENTS } from '@iso27001/iso27001';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';

const ROLLUP = 'key title total assessed readinessPercent counts { status count }';
const ANALYSIS = `{ gapAnalysis { overall { ${ROLLUP} } clausesOverall { ${ROLLUP} } controlsOverall { ${ROLLUP} } byClause { ${ROLLUP} } byTheme { ${ROLLUP} } } }`;
const QUESTIONNAIRE = '{ gapQuestionnaire { itemId kind title question status } }';
const ANSWER = 'mutation($input: AnswerGapQuestionnaireInput!) { answerGapQuestionnaire(input: $input) { itemId status score gap assessedByName } }';
const ASSESS =
  'mutation($input: GapAssessmentInput!) { assessGap(input: $input) { itemId kind title status score currentState gap remediationAction remediationDueOn remediationOwner { id } assessed } }';
const ASSESSMENTS = 'query($kind: GapItemKind, $clause: Int, $status: GapStatus) { gapAssessments(kind: $kind, clause: $clause, status: $status) { itemId assessed status } }';

interface RollUp {
  key: string;
  title: string;
  total: number;
  assessed: number;
  readinessPercent: number;
  counts: { status: string; count: number }[];
}
interface Analysis {
  overall: RollUp;
  clausesOverall: RollUp;
  controlsOverall: RollUp;
  byClause: RollUp[];
  byTheme: RollUp[];
}

const parents = new Set(CLAUSE_REQUIREMENTS.map((r) => r.parentId).filter(Boolean));
const LEAVES = CLAUSE_REQUIREMENTS.filter((r) => !parents.has(r.id));
const percent = (sum: number, items: number) => Math.round((sum / (3 * items)) * 1000) / 10;

describe('controls-service: gap analysis', () => {
  const prefix = uniqueTopicPrefix('gap');
  let service: TestSubgraph<ControlsConfig>;
  const manager = testClaims([Role.IsmsManager], { name: 'Gina Gap' });

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  const rows = async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM gap_assessment'))[0].count);
  const analysis = async (claims = manager) => (await service.ok<{ gapAnalysis: Analysis }>(ANALYSIS, {}, claims)).gapAnalysis;

  it('asks one question per clause requirement and control, and starts at 0% readiness', async () => {
    const { gapQuestionnaire } = await service.ok<{ gapQuestionnaire: { itemId: string; kind: string; question: string; status: string | null }[] }>(
      QUESTIONNAIRE,
      {},
      testClaims([Role.ExternalAuditor]),
    );
    expect(gapQuestionnaire.map((q) => q.itemId)).toEqual([...LEAVES.map((r) => r.id), ...ANNEX_A.map((c) => c.id)]);
    expect(gapQuestionnaire.every((q) => q.status === null && q.question.includes(q.itemId))).toBe(true);
    const start = await analysis();
    expect(start.overall).toMatchObject({ total: LEAVES.length + 93, assessed: 0, readinessPercent: 0 });
    expect(start.byClause.map((r) => r.key)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(start.byClause[0]!.title).toBe('4 Context of the organization');
    expect(start.byTheme.map((r) => [r.key, r.total])).toEqual([
      ['ORGANIZATIONAL', 37],
      ['PEOPLE', 8],
      ['PHYSICAL', 14],
      ['TECHNOLOGICAL', 34],
    ]);
  });

  it('records questionnaire answers in bulk and rolls them up per clause, per theme and overall', async () => {
    const clause4 = LEAVES.filter((r) => r.clause === 4);
    const answers = [
      ...clause4.map((r) => ({ itemId: r.id, status: 'FULLY', currentState: `${r.title} is documented and reviewed` })),
      { itemId: 'A.6.3', status: 'PARTIAL', currentState: 'Annual awareness e-learning', gap: 'No role-based training', remediationAction: 'Role-based modules', remediationOwnerId: randomUUID(), remediationDueOn: '2030-06-30' },
      { itemId: 'A.8.13', status: 'LARGELY', currentState: 'Nightly backups', gap: 'Restores not tested' },
      { itemId: 'A.7.1', status: 'NOT_IN_PLACE', currentState: 'Open office', gap: 'No perimeter defined' },
    ];
    const { answerGapQuestionnaire } = await service.ok<{ answerGapQuestionnaire: { itemId: string; score: number; assessedByName: string }[] }>(ANSWER, { input: { answers } }, manager);
    expect(answerGapQuestionnaire).toHaveLength(answers.length);
    expect(answerGapQuestionnaire.every((a) => a.assessedByName === 'Gina Gap')).toBe(true);
    expect(await rows()).toBe(answers.length);

    const after = await analysis(testClaims([Role.InternalAuditor]));
    const count = (rollUp: RollUp, status: string) => rollUp.counts.find((c) => c.status === status)?.count;
    expect(after.byClause[0]).toMatchObject({ key: '4', total: clause4.length, assessed: clause4.length, readinessPercent: 100 });
    expect(after.byClause[1]).toMatchObject({ key: '5', assessed: 0, readinessPercent: 0 });
    const people = after.byTheme.find((r) => r.key === 'PEOPLE')!;
    expect(people).toMatchObject({ total: 8, assessed: 1, readinessPercent: percent(1, 8) });
    expect(count(people, 'PARTIAL')).toBe(1);
    const physical = after.byTheme.find((r) => r.key === 'PHYSICAL')!;
    expect(physical).toMatchObject({ assessed: 1, readinessPercent: 0 });
    expect(count(physical, 'NOT_IN_PLACE')).toBe(1);
    expect(after.byTheme.find((r) => r.key === 'TECHNOLOGICAL')).toMatchObject({ assessed: 1, readinessPercent: percent(2, 34) });
    expect(after.controlsOverall).toMatchObject({ total: 93, assessed: 3, readinessPercent: percent(3, 93) });
    expect(after.clausesOverall).toMatchObject({ total: LEAVES.length, readinessPercent: percent(3 * clause4.length, LEAVES.length) });
    expect(after.overall).toMatchObject({ assessed: answers.length, readinessPercent: percent(3 * clause4.length + 3, LEAVES.length + 93) });

    // A later assessment replaces the earlier one.
    const { assessGap } = await service.ok<{ assessGap: Record<string, unknown> }>(ASSESS, { input: { itemId: 'A.7.1', status: 'FULLY', currentState: 'Badge-controlled perimeter' } }, manager);
    expect(assessGap).toMatchObject({ itemId: 'A.7.1', kind: 'CONTROL', title: 'Physical security perimeters', status: 'FULLY', score: 3, gap: null, assessed: true, remediationOwner: null });
    expect((await analysis()).byTheme.find((r) => r.key === 'PHYSICAL')).toMatchObject({ readinessPercent: percent(3, 14) });
    expect(await rows()).toBe(answers.length);

    const { gapAssessments } = await service.ok<{ gapAssessments: { itemId: string }[] }>(ASSESSMENTS, { status: 'PARTIAL' });
    expect(gapAssessments.map((a) => a.itemId)).toEqual(['A.6.3']);
    const { gapAssessments: clause5 } = await service.ok<{ gapAssessments: { itemId: string; assessed: boolean }[] }>(ASSESSMENTS, { clause: 5 });
    expect(clause5.map((a) => a.itemId)).toEqual(LEAVES.filter((r) => r.clause === 5).map((r) => r.id));
  });

  it('refuses a bulk answer with any bad item and writes none of it; keeps organisations apart; refuses readers writing', async () => {
    const before = await rows();
    const good = { itemId: 'A.5.1', status: 'FULLY', currentState: 'Policy set approved' };
    const cases: [unknown[], string, RegExp][] = [
      [[good, { itemId: 'A.9.1', status: 'FULLY', currentState: 'x' }], 'UNKNOWN_ITEM', /answer 2 \(A\.9\.1\): A\.9\.1 is neither/],
      [[good, { itemId: '6.1', status: 'FULLY', currentState: 'x' }], 'NOT_A_LEAF_REQUIREMENT', /assessed through its sub-clauses/],
      [[good, { itemId: 'A.5.2', status: 'PARTIAL', currentState: 'Some roles' }], 'GAP_REQUIRED', /PARTIAL needs a description of the gap/],
      [[good, { ...good }], 'DUPLICATE_ITEM', /A\.5\.1 is answered more than once/],
      [[good, { itemId: 'A.5.3', status: 'FULLY', currentState: 'x', remediationDueOn: '2030-01-01' }], 'REMEDIATION_INCOMPLETE', /needs a remediation action/],
      [[good, { itemId: 'A.5.3', status: 'FULLY', currentState: 'x', remediationAction: 'y', remediationDueOn: '2030-02-30' }], 'VALIDATION_FAILED', /valid calendar date/],
      [[], 'VALIDATION_FAILED', /at least one answer/],
    ];
    for (const [answers, code, message] of cases) {
      const result = await service.request(ANSWER, { input: { answers } }, manager);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
    }
    expect(await rows()).toBe(before);
    const refused = await service.request(ANSWER, { input: { answers: [good] } }, testClaims([Role.InternalAuditor]));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rows()).toBe(before);

    const elsewhere = await analysis(testClaims([Role.IsmsManager], { organisationId: randomUUID() }));
    expect(elsewhere.overall).toMatchObject({ assessed: 0, readinessPercent: 0 });
  });
});
