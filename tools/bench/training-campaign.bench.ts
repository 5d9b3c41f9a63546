/**
 * A training campaign at enterprise size: 20,000 people in 50 units (5 divisions of 10 units each, one of them the
 * division itself) in training-service's replica; a campaign for the 5 divisions (with their sub-units) is launched
 * through GraphQL and the bench polls its progress until every assignment exists (target ≤ 10 s), then times the
 * completion rates per unit rolled up the hierarchy (target ≤ 200 ms p50) with a third of the work completed.
 * People are loaded straight into the replica (the path from isms-service is measured by event-lag.bench.ts).
 * Needs KAFKA_BROKERS (default 127.0.0.1:9092) and PostgreSQL.
 *   node -r @swc-node/register tools/bench/training-campaign.bench.ts [people=20000] [rateRuns=30]
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, uniqueTopicPrefix } from '@iso27001/testing';
import { training } from '../../apps/training-service/src/subgraph';

const CREATE_COURSE = 'mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }';
const CREATE = 'mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }';
const PREVIEW = 'query($audience: CampaignAudienceInput!) { previewCampaignAudience(audience: $audience) { headCount } }';
const LAUNCH = 'mutation($id: ID!) { launchCampaign(id: $id) { status targetCount } }';
const CAMPAIGN = 'query($id: ID!) { campaign(id: $id) { status targetCount enrolledCount } }';
const COMPLETION = 'query($id: ID!) { campaignCompletion(campaignId: $id) { total completed rate units { unitId total completed rate } jobRoles { jobRole total } } }';

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;

async function main(): Promise<void> {
  const peopleCount = Number(process.argv[2] ?? 20_000);
  const rateRuns = Number(process.argv[3] ?? 30);
  process.env['TEST_LOG_LEVEL'] = 'error';
  const prefix = uniqueTopicPrefix('bench-campaign');
  const service = await startTestSubgraph(training, { topicPrefix: prefix });
  const manager = testClaims([Role.IsmsManager]);
  try {
    const divisions = Array.from({ length: 5 }, () => randomUUID());
    const units = divisions.flatMap((division) => [{ id: division, parent: null as string | null }, ...Array.from({ length: 9 }, () => ({ id: randomUUID(), parent: division }))]);
    await service.deps.dataSource.query(
      `INSERT INTO unit_replica (organisation_id, unit_id, name, kind, parent_id, active, updated_at)
       SELECT $1, u.id, 'Unit ' || u.n, 'DEPARTMENT', u.parent, true, now() FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS u(id, parent, n)`,
      [TEST_ORGANISATION_ID, units.map((unit) => unit.id), units.map((unit) => unit.parent)],
    );
    const loadStarted = process.hrtime.bigint();
    await service.deps.dataSource.query(
      `INSERT INTO person_replica (organisation_id, person_id, email, name, unit_id, active, updated_at, job_role)
       SELECT $1, gen_random_uuid(), 'p' || g || '@bench.test', 'Person ' || g, ($2::uuid[])[1 + g % $3], true, now(), CASE WHEN g % 7 = 0 THEN 'Developer' ELSE 'Analyst' END
       FROM generate_series(1, $4) AS g`,
      [TEST_ORGANISATION_ID, units.map((unit) => unit.id), units.length, peopleCount],
    );
    await service.deps.dataSource.query('ANALYZE person_replica; ANALYZE unit_replica');
    console.log(`loaded ${peopleCount} people in ${units.length} units (${ms(loadStarted).toFixed(0)} ms)`);

    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(CREATE_COURSE, { input: { title: 'Security awareness', description: 'Bench', kind: 'AWARENESS', durationMinutes: 30 } }, manager);
    const previewStarted = process.hrtime.bigint();
    const preview = await service.ok<{ previewCampaignAudience: { headCount: number } }>(PREVIEW, { audience: { unitIds: divisions } }, manager);
    console.log(`audience preview: ${preview.previewCampaignAudience.headCount} people (${ms(previewStarted).toFixed(0)} ms)`);
    const { createCampaign } = await service.ok<{ createCampaign: { id: string } }>(CREATE, { input: { name: 'Awareness', courseId: createCourse.id, unitIds: divisions, dueDays: 30 } }, manager);

    const launchStarted = process.hrtime.bigint();
    const launched = await service.ok<{ launchCampaign: { status: string; targetCount: number } }>(LAUNCH, { id: createCampaign.id }, manager);
    const launchReturned = ms(launchStarted);
    const progress: string[] = [];
    let status = launched.launchCampaign.status;
    while (status !== 'LAUNCHED') {
      const { campaign } = await service.ok<{ campaign: { status: string; enrolledCount: number; targetCount: number } }>(CAMPAIGN, { id: createCampaign.id }, manager);
      status = campaign.status;
      if (progress.at(-1) !== `${campaign.enrolledCount}`) progress.push(`${campaign.enrolledCount}`);
      if (ms(launchStarted) > 120_000) throw new Error('the campaign did not finish enrolling within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const allAssigned = ms(launchStarted);
    const [{ count }] = await service.deps.dataSource.query('SELECT count(*) FROM assignment WHERE campaign_id = $1', [createCampaign.id]);
    const [{ events }] = await service.deps.dataSource.query("SELECT count(*) AS events FROM outbox_event WHERE type = 'training.assignment.changed'");
    console.log(`launch returned after ${launchReturned.toFixed(0)} ms (target ${launched.launchCampaign.targetCount}); progress read: ${progress.join(' → ')}`);
    console.log(`launch → all ${count} assignments (and ${events} AssignmentChanged in the outbox): ${allAssigned.toFixed(0)} ms (target ≤ 10000 ms, ${(allAssigned / 10_000).toFixed(2)}× target)`);

    await service.deps.dataSource.query(
      "UPDATE assignment SET status = 'COMPLETED', completed_at = now() WHERE id IN (SELECT id FROM assignment WHERE campaign_id = $1 ORDER BY id LIMIT $2)",
      [createCampaign.id, Math.floor(Number(count) / 3)],
    );
    await service.deps.dataSource.query('ANALYZE assignment');
    const timings: number[] = [];
    let units50 = 0;
    for (let run = 0; run < rateRuns; run += 1) {
      const started = process.hrtime.bigint();
      const { campaignCompletion } = await service.ok<{ campaignCompletion: { total: number; rate: number; units: unknown[] } }>(COMPLETION, { id: createCampaign.id }, manager);
      timings.push(ms(started));
      units50 = campaignCompletion.units.length;
      if (run === 0) console.log(`completion: total ${campaignCompletion.total}, rate ${campaignCompletion.rate} %, ${campaignCompletion.units.length} units`);
    }
    const p50 = percentile(timings, 50);
    console.log(`completion rates per unit (${units50} units, ${rateRuns} runs, GraphQL round trip): p50 ${p50.toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms (target ≤ 200 ms p50, ${(p50 / 200).toFixed(2)}× target)`);
    const owner = testClaims([Role.ControlOwner], { unitIds: units.filter((unit) => unit.parent === divisions[0]).map((unit) => unit.id) });
    const ownerTimings: number[] = [];
    for (let run = 0; run < rateRuns; run += 1) {
      const started = process.hrtime.bigint();
      await service.ok(COMPLETION, { id: createCampaign.id }, owner);
      ownerTimings.push(ms(started));
    }
    console.log(`the same for a unit owner of 9 units: p50 ${percentile(ownerTimings, 50).toFixed(1)} ms`);
  } finally {
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
