import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { ROUNDS_JOB } from '../src/modules/campaigns/campaign.jobs';
import { training } from '../src/subgraph';

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }`;
const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id status round targetCount enrolledCount unitIds jobRoles dueDays recurrence nextRoundOn } }`;
const PREVIEW = `query($audience: CampaignAudienceInput!) { previewCampaignAudience(audience: $audience) { headCount sample { personId name } } }`;
const LAUNCH = `mutation($id: ID!) { launchCampaign(id: $id) { id status round targetCount enrolledCount nextRoundOn } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { id status round targetCount enrolledCount course { id } } }`;
const EXEMPT = `mutation($input: ExemptAssignmentInput!) { exemptAssignment(input: $input) { id status exemptReason campaignId } }`;
const COMPLETE = `mutation($id: ID!) { completeAssignment(id: $id) { id status } }`;
const PAGE = `query($campaignId: ID) { assignmentPage(campaignId: $campaignId, first: 100) { totalCount nodes { id status campaignId withdrawnAt person { id } } } }`;
const COMPLETION = `query($id: ID!) { campaignCompletion(campaignId: $id) { total completed overdue exempt rate round
  units { unitId unitName parentId total completed exempt rate } jobRoles { jobRole total completed } } }`;
const SNAPSHOT = `mutation { recordCompletionSnapshot }`;
const HISTORY = `query($id: ID!, $unitId: ID) { campaignCompletionHistory(campaignId: $id, unitId: $unitId) { day total completed rate } }`;

const manager = testClaims([Role.IsmsManager], { email: 'isms.manager@example.test' });

interface Person {
  id: string;
  name: string;
  email: string;
  unitId: string | null;
  jobRole?: string | null;
  active?: boolean;
}

describe('training-service: campaigns enrol their audience, follow the organisation, exempt with a reason, and roll up completion', () => {
  const prefix = uniqueTopicPrefix('campaigns');
  let service: TestSubgraph<TrainingConfig>;
  let producer: Producer;
  let clock = Date.parse('2030-01-01T00:00:00.000Z');

  const envelope = (type: string, subjectId: string, data: Record<string, unknown>) => ({
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date((clock += 1000)).toISOString(),
    source: 'isms-service',
    organisationId: TEST_ORGANISATION_ID,
    actor: 'isms-test',
    subjectId,
    correlationId: randomUUID(),
    causationId: null,
    data,
  });

  async function publishUnit(id: string, name: string, parentId: string | null): Promise<void> {
    const event = envelope('isms.org-unit.upserted', id, { id, name, kind: 'DEPARTMENT', parentId, externalId: null, active: true });
    await producer.send({ topic: `${prefix}isms.org-unit.v1`, acks: -1, messages: [{ key: id, value: JSON.stringify(event) }] });
  }

  async function publishPerson(person: Person): Promise<void> {
    const event = envelope('isms.person.upserted', person.id, {
      id: person.id,
      email: person.email,
      name: person.name,
      unitId: person.unitId,
      managerId: null,
      jobRole: person.jobRole ?? null,
      active: person.active ?? true,
    });
    await producer.send({ topic: `${prefix}isms.person.v1`, acks: -1, messages: [{ key: person.id, value: JSON.stringify(event) }] });
  }

  const person = (name: string, unitId: string | null, jobRole: string | null = null): Person => ({
    id: randomUUID(),
    name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.test`,
    unitId,
    jobRole,
  });

  async function counts(): Promise<{ campaigns: number; assignments: number; events: number }> {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM campaign) AS campaigns, (SELECT count(*) FROM assignment) AS assignments, (SELECT count(*) FROM outbox_event) AS events',
    );
    return { campaigns: Number(row.campaigns), assignments: Number(row.assignments), events: Number(row.events) };
  }

  async function assignmentsOf(campaignId: string): Promise<{ id: string; person_id: string; status: string; withdrawn_at: Date | null; exempted_by: string | null }[]> {
    return service.deps.dataSource.query('SELECT id, person_id, status, withdrawn_at, exempted_by FROM assignment WHERE campaign_id = $1 ORDER BY person_id', [campaignId]);
  }

  // Units: Operations > Support > Night shift, and Finance beside it.
  const operations = randomUUID();
  const support = randomUUID();
  const nightShift = randomUUID();
  const finance = randomUUID();
  const olga = person('Olga Ops', operations, 'Team Lead');
  const sam = person('Sam Support', support, 'Engineer');
  const nina = person('Nina Night', nightShift, 'Engineer');
  const fred = person('Fred Finance', finance, 'Accountant');
  const ismsPerson: Person = { id: randomUUID(), name: 'Isma Manager', email: 'isms.manager@example.test', unitId: support, jobRole: 'ISMS manager' };
  let courseId: string;

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    producer = testKafka('campaigns-test-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await publishUnit(operations, 'Operations', null);
    await publishUnit(support, 'Support', operations);
    await publishUnit(nightShift, 'Night shift', support);
    await publishUnit(finance, 'Finance', null);
    await eventually('the units in the replica', async () => Number((await service.deps.dataSource.query('SELECT count(*) AS n FROM unit_replica'))[0].n) === 4);
    for (const each of [olga, sam, nina, fred, ismsPerson]) await publishPerson(each);
    await eventually('the people in the replica', async () => Number((await service.deps.dataSource.query('SELECT count(*) AS n FROM person_replica'))[0].n) === 5);
    const { createCourse } = await service.ok<{ createCourse: { id: string } }>(
      CREATE_COURSE,
      { input: { title: 'Security awareness', description: 'Phishing and reporting', kind: 'AWARENESS', durationMinutes: 30 } },
      manager,
    );
    courseId = createCourse.id;
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = await counts();
    const base = { name: 'Awareness 2030', courseId, unitIds: [operations], dueDays: 30 };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, courseId: randomUUID() }, 'COURSE_NOT_FOUND', 'does not exist'],
      [{ ...base, unitIds: [] }, 'AUDIENCE_MISSING', 'choose an audience'],
      [{ ...base, unitIds: [randomUUID()] }, 'UNIT_NOT_FOUND', 'not known to training'],
      [{ ...base, recurrence: 'MONTHS' }, 'RECURRENCE_INVALID', 'recurrenceMonths'],
    ];
    for (const [input, code, message] of cases) {
      const result = await service.request(CREATE, { input }, manager);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code } });
    }
    const past = await service.request(CREATE, { input: { ...base, dueDays: 0 } }, manager);
    expect(past.errors?.[0]?.message).toMatch(/dueDays must be at least 1/);
    const employee = await service.request(CREATE, { input: base }, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);

    // An audience that matches nobody is created as a draft, but its launch is refused and writes nothing.
    const { createCampaign } = await service.ok<{ createCampaign: { id: string } }>(CREATE, { input: { ...base, unitIds: [], jobRoles: ['Astronaut'] } }, manager);
    const afterCreate = await counts();
    const empty = await service.request(LAUNCH, { id: createCampaign.id }, manager);
    expect(empty.errors?.[0]).toMatchObject({ message: expect.stringContaining('matches nobody'), extensions: { code: 'AUDIENCE_EMPTY' } });
    expect(await counts()).toEqual(afterCreate);
    expect((await service.ok<{ campaign: { status: string } }>(CAMPAIGN, { id: createCampaign.id }, manager)).campaign.status).toBe('DRAFT');
  });

  it('previews and launches a campaign for a unit with its sub-units, then follows joiners and movers by events alone', async () => {
    const preview = await service.ok<{ previewCampaignAudience: { headCount: number; sample: { name: string }[] } }>(PREVIEW, { audience: { unitIds: [support] } }, manager);
    expect(preview.previewCampaignAudience.headCount).toBe(3); // Sam, Nina (night shift is below support), the ISMS manager
    expect(preview.previewCampaignAudience.sample.map((member) => member.name).sort()).toEqual(['Isma Manager', 'Nina Night', 'Sam Support']);

    const { createCampaign } = await service.ok<{ createCampaign: { id: string; status: string } }>(
      CREATE,
      { input: { name: 'Support awareness', courseId, unitIds: [support], jobRoles: ['  team LEAD '], dueDays: 14, recurrence: 'YEARLY' } },
      manager,
    );
    expect(createCampaign.status).toBe('DRAFT');
    const { launchCampaign } = await service.ok<{ launchCampaign: { status: string; targetCount: number; round: number; nextRoundOn: string } }>(LAUNCH, { id: createCampaign.id }, manager);
    expect(launchCampaign).toMatchObject({ status: 'ENROLLING', targetCount: 4, round: 1 }); // + Olga by job role
    expect(launchCampaign.nextRoundOn > new Date().toISOString().slice(0, 10)).toBe(true);
    const launched = await eventually('the round enrolled', async () => {
      const { campaign } = await service.ok<{ campaign: { status: string; enrolledCount: number; targetCount: number } }>(CAMPAIGN, { id: createCampaign.id }, manager);
      return campaign.status === 'LAUNCHED' ? campaign : undefined;
    });
    expect(launched).toMatchObject({ enrolledCount: 4, targetCount: 4 });
    expect((await assignmentsOf(createCampaign.id)).map((row) => row.person_id).sort()).toEqual([olga.id, sam.id, nina.id, ismsPerson.id].sort());
    const [{ events }] = await service.deps.dataSource.query(
      "SELECT count(*) AS events FROM outbox_event WHERE type = 'training.assignment.changed' AND envelope->'data'->>'campaignId' = $1 AND envelope->'data'->>'status' = 'ASSIGNED'",
      [createCampaign.id],
    );
    expect(Number(events)).toBe(4);
    const again = await service.request(LAUNCH, { id: createCampaign.id }, manager);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('CAMPAIGN_NOT_DRAFT');

    // A new joiner in the night shift is enrolled by the person event alone.
    const joiner = person('Jo Joiner', nightShift, 'Engineer');
    await publishPerson(joiner);
    const enrolled = await eventually('the joiner enrolled', async () => (await assignmentsOf(createCampaign.id)).find((row) => row.person_id === joiner.id));
    expect(enrolled.status).toBe('ASSIGNED');

    // Sam moves to Finance: withdrawn. Fred moves into Support: enrolled.
    await publishPerson({ ...sam, unitId: finance });
    await publishPerson({ ...fred, unitId: support });
    const withdrawn = await eventually('Sam withdrawn', async () => (await assignmentsOf(createCampaign.id)).find((row) => row.person_id === sam.id && row.status === 'WITHDRAWN'));
    expect(withdrawn.withdrawn_at).toBeInstanceOf(Date);
    await eventually('Fred enrolled', async () => (await assignmentsOf(createCampaign.id)).find((row) => row.person_id === fred.id && row.status === 'ASSIGNED'));
    // A leaver (deactivated) is withdrawn too.
    await publishPerson({ ...joiner, active: false });
    await eventually('the leaver withdrawn', async () => (await assignmentsOf(createCampaign.id)).find((row) => row.person_id === joiner.id && row.status === 'WITHDRAWN'));
    const [{ withdrawnEvents }] = await service.deps.dataSource.query(
      "SELECT count(*) AS \"withdrawnEvents\" FROM outbox_event WHERE type = 'training.assignment.changed' AND envelope->'data'->>'campaignId' = $1 AND envelope->'data'->>'status' = 'WITHDRAWN'",
      [createCampaign.id],
    );
    expect(Number(withdrawnEvents)).toBe(2);

    // A unit moved below Support brings its people into the audience.
    const lab = randomUUID();
    await publishUnit(lab, 'Lab', null);
    const lara = person('Lara Lab', lab);
    await publishPerson(lara);
    await eventually('Lara in the replica', async () => (await service.deps.dataSource.query('SELECT 1 FROM person_replica WHERE person_id = $1', [lara.id])).length === 1);
    expect((await assignmentsOf(createCampaign.id)).some((row) => row.person_id === lara.id)).toBe(false);
    await publishUnit(lab, 'Lab', support);
    await eventually('Lara enrolled after her unit moved', async () => (await assignmentsOf(createCampaign.id)).some((row) => row.person_id === lara.id && row.status === 'ASSIGNED'));
  });

  it('exempts with a reason, never oneself, and rolls completion up the hierarchy', async () => {
    const [campaign] = await service.deps.dataSource.query("SELECT id FROM campaign WHERE name = 'Support awareness'");
    const rows = await assignmentsOf(campaign.id);
    const mine = rows.find((row) => row.person_id === ismsPerson.id)!;
    const ninas = rows.find((row) => row.person_id === nina.id)!;
    const olgas = rows.find((row) => row.person_id === olga.id)!;
    const before = await counts();
    const noReason = await service.request(EXEMPT, { input: { assignmentId: ninas.id, reason: '  ' } }, manager);
    expect(noReason.errors?.[0]).toMatchObject({ message: expect.stringContaining('needs a reason'), extensions: { code: 'EXEMPT_REASON_REQUIRED' } });
    const self = await service.request(EXEMPT, { input: { assignmentId: mine.id, reason: 'I wrote the course' } }, manager);
    expect(self.errors?.[0]).toMatchObject({ extensions: { code: 'SELF_EXEMPTION' } });
    const unknown = await service.request(EXEMPT, { input: { assignmentId: randomUUID(), reason: 'On leave' } }, manager);
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('ASSIGNMENT_NOT_FOUND');
    expect(await counts()).toEqual(before);

    const { exemptAssignment } = await service.ok<{ exemptAssignment: { status: string; exemptReason: string; campaignId: string } }>(
      EXEMPT,
      { input: { assignmentId: ninas.id, reason: 'On parental leave until the campaign ends' } },
      manager,
    );
    expect(exemptAssignment).toMatchObject({ status: 'EXEMPT', exemptReason: 'On parental leave until the campaign ends', campaignId: campaign.id });
    expect((await assignmentsOf(campaign.id)).find((row) => row.id === ninas.id)?.exempted_by).toBe(manager.sub);
    await service.ok(COMPLETE, { id: olgas.id }, manager);
    const fredsRow = (await assignmentsOf(campaign.id)).find((row) => row.person_id === fred.id)!;
    await service.ok(COMPLETE, { id: fredsRow.id }, manager);

    const { campaignCompletion } = await service.ok<{
      campaignCompletion: { total: number; completed: number; exempt: number; rate: number; units: { unitId: string; total: number; completed: number; exempt: number }[]; jobRoles: { jobRole: string | null; total: number }[] };
    }>(COMPLETION, { id: campaign.id }, manager);
    // Compare with a direct count of the owed and completed assignments, per unit subtree.
    const expected = async (root: string) => {
      const [row] = await service.deps.dataSource.query(
        `WITH RECURSIVE sub(unit_id) AS (SELECT $2::uuid UNION SELECT u.unit_id FROM unit_replica u JOIN sub ON u.parent_id = sub.unit_id)
         SELECT count(*) FILTER (WHERE a.status NOT IN ('EXEMPT', 'WITHDRAWN')) AS total, count(*) FILTER (WHERE a.status = 'COMPLETED') AS completed
           FROM assignment a JOIN person_replica p ON p.person_id = a.person_id WHERE a.campaign_id = $1 AND p.unit_id IN (SELECT unit_id FROM sub)`,
        [campaign.id, root],
      );
      return { total: Number(row.total), completed: Number(row.completed) };
    };
    const unit = (id: string) => campaignCompletion.units.find((each) => each.unitId === id);
    for (const root of [operations, support, nightShift]) expect({ total: unit(root)?.total, completed: unit(root)?.completed }).toEqual(await expected(root));
    // Operations: Olga (completed), Fred (completed, moved into Support), the ISMS manager, Lara; Nina exempt, Sam and Jo withdrawn.
    expect(unit(operations)).toMatchObject({ total: 4, completed: 2, exempt: 1 });
    expect(unit(nightShift)).toMatchObject({ total: 0, exempt: 1 });
    expect(campaignCompletion).toMatchObject({ total: 4, completed: 2, exempt: 1, rate: 50 });
    expect(campaignCompletion.jobRoles.find((role) => role.jobRole === 'team lead')?.total).toBe(1);

    // A unit owner of Night shift sees only that unit, and counts only its people.
    const owner = testClaims([Role.ControlOwner], { unitIds: [nightShift] });
    const scoped = await service.ok<{ campaignCompletion: { total: number; exempt: number; units: { unitId: string }[] } }>(COMPLETION, { id: campaign.id }, owner);
    expect(scoped.campaignCompletion.units.map((each) => each.unitId)).toEqual([nightShift]);
    expect(scoped.campaignCompletion).toMatchObject({ total: 0, exempt: 1 });
    // An external auditor counts only the assignments dated within the grant's period (completion day, else due date).
    const grant = { engagementId: randomUUID(), grantId: randomUUID(), grantExpiresAt: new Date(Date.now() + 86_400_000).toISOString(), unitIds: [support] };
    const pastAuditor = testClaims([Role.ExternalAuditor], { ...grant, periodStart: '2000-01-01', periodEnd: '2000-12-31' });
    expect((await service.ok<{ campaignCompletion: { total: number } }>(COMPLETION, { id: campaign.id }, pastAuditor)).campaignCompletion.total).toBe(0);
    const auditor = testClaims([Role.ExternalAuditor], { ...grant, periodStart: '2000-01-01', periodEnd: '2100-12-31' });
    expect((await service.ok<{ campaignCompletion: { total: number; completed: number } }>(COMPLETION, { id: campaign.id }, auditor)).campaignCompletion).toMatchObject({ total: 3, completed: 1 }); // Support with its sub-units: the ISMS manager, Fred (completed), Lara
    const employee = await service.request(COMPLETION, { id: campaign.id }, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // The history: a snapshot on demand (the daily job does the same), whole campaign and per unit.
    expect((await service.ok<{ recordCompletionSnapshot: number }>(SNAPSHOT, {}, manager)).recordCompletionSnapshot).toBeGreaterThanOrEqual(1);
    const today = new Date().toISOString().slice(0, 10);
    const history = await service.ok<{ campaignCompletionHistory: { day: string; total: number; completed: number; rate: number }[] }>(HISTORY, { id: campaign.id }, manager);
    expect(history.campaignCompletionHistory).toEqual([{ day: today, total: 4, completed: 2, rate: 50 }]);
    const unitHistory = await service.ok<{ campaignCompletionHistory: { total: number }[] }>(HISTORY, { id: campaign.id, unitId: support }, manager);
    expect(unitHistory.campaignCompletionHistory).toEqual([expect.objectContaining({ total: unit(support)?.total })]);
    const outOfScope = await service.request(HISTORY, { id: campaign.id }, owner);
    expect(outOfScope.errors?.[0]?.extensions?.['code']).toBe('UNIT_OUT_OF_SCOPE');

    // Assignments of the campaign, page by page, show exemption and withdrawal.
    const page = await service.ok<{ assignmentPage: { totalCount: number; nodes: { status: string; withdrawnAt: string | null }[] } }>(PAGE, { campaignId: campaign.id }, manager);
    expect(page.assignmentPage.totalCount).toBe((await assignmentsOf(campaign.id)).length);
    expect(page.assignmentPage.nodes.filter((node) => node.status === 'WITHDRAWN').every((node) => node.withdrawnAt !== null)).toBe(true);
  });

  it('opens the next round of a recurring campaign on its day: who completed or was exempted owes the course again', async () => {
    const [campaign] = await service.deps.dataSource.query("SELECT id, next_round_on::text AS next_round_on FROM campaign WHERE name = 'Support awareness'");
    const dayBefore = new Date(Date.parse(`${campaign.next_round_on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await service.jobs!.runJobNow(ROUNDS_JOB, { asOf: dayBefore })).state).toBe('completed');
    expect((await service.ok<{ campaign: { round: number } }>(CAMPAIGN, { id: campaign.id }, manager)).campaign.round).toBe(1);

    expect((await service.jobs!.runJobNow(ROUNDS_JOB, { asOf: campaign.next_round_on })).state).toBe('completed');
    const { campaign: after } = await service.ok<{ campaign: { round: number; status: string } }>(CAMPAIGN, { id: campaign.id }, manager);
    expect(after).toMatchObject({ round: 2, status: 'LAUNCHED' });
    const second: { person_id: string }[] = await service.deps.dataSource.query('SELECT person_id FROM assignment WHERE campaign_id = $1 AND campaign_round = 2 ORDER BY person_id', [campaign.id]);
    // Olga and Fred completed round 1, Nina was exempt from it; the ISMS manager and Lara still owe round 1's.
    expect(second.map((row) => row.person_id)).toEqual([olga.id, fred.id, nina.id].sort());
    const [{ next }] = await service.deps.dataSource.query('SELECT next_round_on::text AS next FROM campaign WHERE id = $1', [campaign.id]);
    expect(next > campaign.next_round_on).toBe(true);
  });
});
