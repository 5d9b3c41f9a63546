/**
 * Flow 6 at enterprise size: a policy published to everyone opens one acknowledgement task per active person in
 * training-service's replica (one set-based INSERT … SELECT in the consumer's transaction), a new major version
 * supersedes the pending ones and opens a new round, and the per-unit rates query runs over all of them. Also times a
 * full gap questionnaire answered in one bulk mutation in controls-service.
 * People are loaded straight into the replica (the path from isms-service is measured by event-lag.bench.ts).
 * Needs KAFKA_BROKERS (default 127.0.0.1:9092) and PostgreSQL.
 *   node -r @swc-node/register tools/bench/policy-acknowledgements.bench.ts [people=20000] [units=40]
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, uniqueTopicPrefix } from '@iso27001/testing';
import { controls } from '../../apps/controls-service/src/subgraph';
import { training } from '../../apps/training-service/src/subgraph';

const RATES = 'query($p: ID!, $v: ID!) { policyAcknowledgementRates(policyId: $p, versionId: $v) { total acknowledged rate units { unitId total } } }';
const QUESTIONNAIRE = '{ gapQuestionnaire { itemId } }';
const ANSWER = 'mutation($input: AnswerGapQuestionnaireInput!) { answerGapQuestionnaire(input: $input) { itemId } }';
const ANALYSIS = '{ gapAnalysis { overall { readinessPercent } byClause { key readinessPercent } byTheme { key readinessPercent } } }';

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await run();
  console.log(`${label.padEnd(58)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0).padStart(7)} ms`);
  return result;
}

async function main(): Promise<void> {
  const peopleCount = Number(process.argv[2] ?? 20_000);
  const unitCount = Number(process.argv[3] ?? 40);
  process.env['TEST_LOG_LEVEL'] = 'error';
  const prefix = uniqueTopicPrefix('bench-policy');
  const service = await startTestSubgraph(training, { topicPrefix: prefix });
  const controlsService = await startTestSubgraph(controls, { topicPrefix: prefix, secret: service.secret });
  const producer = testKafka('bench-policy').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const units = Array.from({ length: unitCount }, () => randomUUID());
    await timed(`load ${peopleCount} people into the replica`, () =>
      service.deps.dataSource.query(
        `INSERT INTO person_replica (organisation_id, person_id, email, name, unit_id, active, updated_at, job_role)
         SELECT $1, gen_random_uuid(), 'p' || g || '@bench.test', 'Person ' || g, ($2::uuid[])[1 + g % $3], g % 50 <> 0, now(), CASE WHEN g % 7 = 0 THEN 'Developer' END
         FROM generate_series(1, $4) AS g`,
        [TEST_ORGANISATION_ID, units, units.length, peopleCount],
      ),
    );
    const active = Number((await service.deps.dataSource.query('SELECT count(*) FROM person_replica WHERE active'))[0].count);
    const policyId = randomUUID();
    const publish = async (version: string, major: boolean) => {
      const versionId = randomUUID();
      const data = { policyId, versionId, version, major, title: 'Information security policy', everyone: true, unitIds: [], jobRoles: [], publishedAt: new Date().toISOString() };
      const envelope = { id: randomUUID(), type: PolicyPublished.type, version: 1, occurredAt: new Date().toISOString(), source: 'bench', organisationId: TEST_ORGANISATION_ID, actor: 'bench', subjectId: policyId, correlationId: randomUUID(), causationId: null, data };
      await producer.send({ topic: `${prefix}${PolicyPublished.topic}`, acks: -1, messages: [{ key: policyId, value: JSON.stringify(envelope) }] });
      await eventually(`${version} handled`, async () => (await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [envelope.id])).length > 0, { timeoutMs: 300_000, intervalMs: 20 });
      return versionId;
    };
    const v1 = await timed(`publish 1.0 to everyone → ${active} tasks (send → committed)`, () => publish('1.0', true));
    const tasks = Number((await service.deps.dataSource.query("SELECT count(*) FROM policy_acknowledgement WHERE status = 'PENDING'"))[0].count);
    console.log(`  pending tasks: ${tasks} (active people: ${active})`);
    await service.deps.dataSource.query(
      "UPDATE policy_acknowledgement SET status = 'ACKNOWLEDGED', acknowledged_at = now() WHERE id IN (SELECT id FROM policy_acknowledgement ORDER BY id LIMIT $1)",
      [Math.floor(tasks / 3)],
    );
    const reader = testClaims([Role.InternalAuditor]);
    const rates = await timed(`rates per unit over ${tasks} tasks (GraphQL round trip)`, () => service.ok<{ policyAcknowledgementRates: { total: number; rate: number; units: unknown[] } }>(RATES, { p: policyId, v: v1 }, reader));
    console.log(`  total ${rates.policyAcknowledgementRates.total}, rate ${rates.policyAcknowledgementRates.rate}, units ${rates.policyAcknowledgementRates.units.length}`);
    await timed('publish 1.1 (minor: nothing to open)', () => publish('1.1', false));
    await timed('publish 2.0 (major: supersede pending + new round)', () => publish('2.0', true));
    const byStatus = await service.deps.dataSource.query('SELECT status, count(*) FROM policy_acknowledgement GROUP BY status ORDER BY status');
    console.log(`  tasks by status: ${byStatus.map((r: { status: string; count: string }) => `${r.status} ${r.count}`).join(', ')}`);

    const manager = testClaims([Role.IsmsManager]);
    const { gapQuestionnaire } = await timed('gap questionnaire', () => controlsService.ok<{ gapQuestionnaire: { itemId: string }[] }>(QUESTIONNAIRE, {}, manager));
    const statuses = ['NOT_IN_PLACE', 'PARTIAL', 'LARGELY', 'FULLY'];
    const answers = gapQuestionnaire.map((q, i) => ({ itemId: q.itemId, status: statuses[i % 4], currentState: 'Described in the bench', gap: 'Something is missing' }));
    await timed(`answer all ${answers.length} questions in one mutation`, () => controlsService.ok(ANSWER, { input: { answers } }, manager));
    const analysis = await timed('gap analysis roll-ups', () => controlsService.ok<{ gapAnalysis: { overall: { readinessPercent: number } } }>(ANALYSIS, {}, manager));
    console.log(`  overall readiness ${analysis.gapAnalysis.overall.readinessPercent}%`);
  } finally {
    await producer.disconnect();
    await controlsService.close();
    await service.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
