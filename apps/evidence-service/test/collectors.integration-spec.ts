import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Role } from '@iso27001/authz';
import { CollectorContractError } from '@iso27001/collector-kit';
import { AssignmentChanged, envelopeSchema, PolicyAcknowledged } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, TestEventPublisher, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { COLLECTOR_DISPATCH_JOB } from '../src/modules/collectors/collector.jobs';
import { BUILT_IN_COLLECTORS, CollectorRegistry } from '../src/modules/collectors/collector.registry';
import { evidence } from '../src/subgraph';

const FIXTURES = path.join(__dirname, 'collectors-fixtures');
const CONFIGURE = `mutation($input: ConfigureCollectorInput!) { configureCollector(input: $input) { id collectorId name unitId enabled schedule config nextRunAt configuredBy } }`;
const RUN_NOW = `mutation($id: ID!) { runCollectorNow(configurationId: $id) { id outcome reason itemsProduced evidenceIds trigger startedBy collectorVersion finishedAt } }`;
const RUNS = `query($collectorId: String!, $configurationId: ID) { collectorRuns(collectorId: $collectorId, configurationId: $configurationId) { totalCount nodes { id outcome reason itemsProduced evidenceIds trigger startedBy } } }`;
const ITEM = `query($id: ID!) { evidenceItem(id: $id) { id title status source unitId controlIds clauses periodStart periodEnd validUntil versionNumber collectedBy versions { number kind payload assertionPassed sha256 status } } }`;
const QUEUE = `{ reviewQueue(first: 200) { nodes { id } } }`;

type Run = { id: string; outcome: string; reason: string | null; itemsProduced: number; evidenceIds: string[]; trigger: string; startedBy: string };
type Version = { number: number; kind: string; payload: string; assertionPassed: boolean; sha256: string; status: string };
type Item = { id: string; source: string; status: string; controlIds: string[]; clauses: string[]; unitId: string; versionNumber: number; collectedBy: string; versions: Version[]; [key: string]: unknown };

/** The platform's canonical JSON (keys sorted, no spaces) that a RECORD version is hashed over. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('evidence-service: automated collectors', () => {
  const prefix = uniqueTopicPrefix('collectors');
  let service: TestSubgraph<EvidenceConfig>;
  let publisher: TestEventPublisher;
  let server: http.Server;
  let base = '';
  // What the local endpoint answers, changed by each test.
  let answer: { status: number; body: string; delayMs?: number } = { status: 200, body: '{}' };
  const seenHeaders: http.IncomingHttpHeaders[] = [];
  const unit = randomUUID();
  const manager = testClaims([Role.IsmsManager], { email: 'isms@example.test' });
  const owner = testClaims([Role.ControlOwner], { email: 'owner@example.test', unitIds: [unit] });

  const configure = (input: Record<string, unknown>, claims = manager) => service.request<{ configureCollector: { id: string; nextRunAt: string; config: string } }>(CONFIGURE, { input: { unitId: unit, ...input } }, claims);
  const runNow = async (id: string) => (await service.ok<{ runCollectorNow: Run }>(RUN_NOW, { id }, manager)).runCollectorNow;
  const item = async (id: string) => (await service.ok<{ evidenceItem: Item }>(ITEM, { id })).evidenceItem;
  const count = async (table: string) => Number((await service.deps.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const httpConfig = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ url: `${base}/health`, allowPrivateNetwork: true, headers: { authorization: 'Bearer s3cret-token' }, assertion: { path: '$.status', expected: 'ok' }, ...extra });

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      seenHeaders.push(request.headers);
      const { status, body, delayMs = 0 } = answer;
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      }, delayMs);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    service = await startTestSubgraph(evidence, {
      topicPrefix: prefix,
      env: { EVIDENCE_COLLECTOR_PACKAGES: path.join(FIXTURES, 'acme-uptime-collector'), EVIDENCE_HTTP_COLLECTOR_ALLOW_PRIVATE: 'true', JOBS_ENABLED: 'false' },
    });
    await service.deps.dataSource.query(`INSERT INTO unit_replica (organisation_id, unit_id, name, kind, parent_id, active, updated_at) VALUES ($1, $2, 'Operations', 'DEPARTMENT', NULL, true, now())`, [
      TEST_ORGANISATION_ID,
      unit,
    ]);
    publisher = await TestEventPublisher.connect(prefix);
  });
  afterAll(async () => {
    await publisher?.disconnect();
    await service?.close();
    await new Promise((resolve) => server?.close(resolve));
    await deleteTopicsWithPrefix(prefix);
  });

  it('lists the built-in collectors and the packaged one, each with its configuration schema as JSON Schema', async () => {
    const { evidenceCollectors } = await service.ok<{ evidenceCollectors: { id: string; version: string; source: string; controlIds: string[]; clauses: string[]; configSchema: string }[] }>(
      `{ evidenceCollectors { id version source controlIds clauses configSchema defaultSchedule } }`,
      {},
      owner,
    );
    expect(evidenceCollectors.map((c) => c.id)).toEqual(['acme.uptime', 'documents.policy-acknowledgements', 'documents.statement-of-applicability', 'gateway.access-log', 'http.json', 'training.awareness']);
    const acme = evidenceCollectors.find((c) => c.id === 'acme.uptime')!;
    expect(acme).toMatchObject({ version: '2.1.0', source: path.join(FIXTURES, 'acme-uptime-collector'), controlIds: ['A.8.14'] });
    const httpSchema = JSON.parse(evidenceCollectors.find((c) => c.id === 'http.json')!.configSchema);
    expect(httpSchema).toMatchObject({ type: 'object', properties: { url: { type: 'string' }, assertion: { type: 'object' } } });
    expect(httpSchema.required).toEqual(expect.arrayContaining(['url', 'assertion']));
    expect(evidenceCollectors.find((c) => c.id === 'training.awareness')).toMatchObject({ controlIds: ['A.6.3'], clauses: ['7.2', '7.3'] });
  });

  it('refuses a package that does not meet the interface, naming what is wrong, and one that cannot be found', async () => {
    const registry = new CollectorRegistry(BUILT_IN_COLLECTORS);
    const broken = registry.load([path.join(FIXTURES, 'not-a-collector')]);
    await expect(broken).rejects.toBeInstanceOf(CollectorContractError);
    const problems = await broken.catch((error: CollectorContractError) => error.problems.join('\n'));
    for (const field of ['id:', 'version:', 'defaultSchedule:', 'configSchema:', 'controls:', 'collect:']) expect(problems).toContain(field);
    await expect(registry.load(['no-such-collector-package'])).rejects.toThrow(/no-such-collector-package could not be loaded/);
    // A package may not take over a built-in's id.
    expect(() => new CollectorRegistry([...BUILT_IN_COLLECTORS, BUILT_IN_COLLECTORS[0]!])).toThrow(/already registered/);
  });

  it('refuses bad configuration with a coded error naming each field, and writes nothing', async () => {
    const before = await count('collector_configuration');
    const bad = await configure({ collectorId: 'http.json', config: JSON.stringify({ url: 'ftp://example.com/x', method: 'DELETE', assertion: { path: 'status' } }) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'COLLECTOR_CONFIG_INVALID' });
    for (const field of ['method:', 'assertion.path:']) expect(bad.errors?.[0]?.message).toContain(field);
    const insecure = await configure({ collectorId: 'http.json', config: JSON.stringify({ url: 'http://example.com/health', assertion: { path: '$.status', expected: 'ok' } }) });
    expect(insecure.errors?.[0]?.message).toMatch(/url: must be https/);
    const noExpected = await configure({ collectorId: 'http.json', config: JSON.stringify({ url: 'https://example.com/health', assertion: { path: '$.status' } }) });
    expect(noExpected.errors?.[0]?.message).toContain('assertion.expected: required for operator equals');
    const notJson = await configure({ collectorId: 'http.json', config: '{url:' });
    expect(notJson.errors?.[0]?.extensions).toMatchObject({ code: 'COLLECTOR_CONFIG_INVALID' });
    const schedule = await configure({ collectorId: 'http.json', schedule: '61 * * * * *x', config: httpConfig() });
    expect(schedule.errors?.[0]?.extensions).toMatchObject({ code: 'SCHEDULE_INVALID' });
    const unknown = await configure({ collectorId: 'nope.none', config: '{}' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_COLLECTOR' });
    const unknownUnit = await configure({ collectorId: 'http.json', unitId: randomUUID(), config: httpConfig() });
    expect(unknownUnit.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_UNIT' });
    const byOwner = await configure({ collectorId: 'http.json', config: httpConfig() }, owner);
    expect(byOwner.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(await count('collector_configuration')).toBe(before);
  });

  it('a scheduled run records a versioned evidence item mapped to the collector’s controls; the next one supersedes it', async () => {
    answer = { status: 200, body: JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }] }) };
    const { configureCollector: configuration } = await service.ok<{ configureCollector: { id: string; nextRunAt: string; config: string; schedule: string } }>(CONFIGURE, {
      input: { unitId: unit, collectorId: 'http.json', name: 'Health endpoint', schedule: '0 3 * * *', config: httpConfig() },
    });
    expect(configuration.schedule).toBe('0 3 * * *');
    expect(new Date(configuration.nextRunAt).getUTCHours()).toBe(3);
    // The header value is sent, but never shown back.
    expect(JSON.parse(configuration.config).headers).toEqual({ authorization: '[redacted]' });

    const dueAt = new Date(configuration.nextRunAt);
    expect((await service.jobs!.runJobNow(COLLECTOR_DISPATCH_JOB, { asOf: new Date(dueAt.getTime() - 60_000).toISOString() })).state).toBe('completed');
    expect((await service.ok<{ collectorRuns: { totalCount: number } }>(RUNS, { collectorId: 'http.json', configurationId: configuration.id })).collectorRuns.totalCount).toBe(0); // not due yet

    await service.jobs!.runJobNow(COLLECTOR_DISPATCH_JOB, { asOf: new Date(dueAt.getTime() + 1000).toISOString() });
    const { collectorRuns: first } = await service.ok<{ collectorRuns: { totalCount: number; nodes: Run[] } }>(RUNS, { collectorId: 'http.json', configurationId: configuration.id });
    expect(first.totalCount).toBe(1);
    expect(first.nodes[0]).toMatchObject({ outcome: 'SUCCEEDED', trigger: 'SCHEDULE', startedBy: 'system:collector-schedule', itemsProduced: 1, reason: null });
    expect(seenHeaders.at(-1)?.authorization).toBe('Bearer s3cret-token');
    const evidenceId = first.nodes[0]!.evidenceIds[0]!;
    const recorded = await item(evidenceId);
    expect(recorded).toMatchObject({ source: 'COLLECTOR', status: 'COLLECTED', unitId: unit, controlIds: ['A.8.16'], clauses: ['9.1'], versionNumber: 1, collectedBy: 'collector:http.json' });
    const payload = JSON.parse(recorded.versions[0]!.payload);
    expect(payload).toMatchObject({
      collector: { id: 'http.json' },
      assertion: { passed: true, reason: expect.stringContaining('$.status') },
      data: { request: { method: 'GET', url: `${base}/health` }, response: { status: 200, body: { status: 'ok' } }, assertion: { actual: ['ok'] } },
    });
    expect(recorded.versions[0]).toMatchObject({ kind: 'RECORD', assertionPassed: true, sha256: createHash('sha256').update(canonical(payload)).digest('hex') });

    // The same occurrence is not run twice; the next one adds version 2, superseding version 1.
    await service.jobs!.runJobNow(COLLECTOR_DISPATCH_JOB, { asOf: new Date(dueAt.getTime() + 2000).toISOString() });
    expect((await service.ok<{ collectorRuns: { totalCount: number } }>(RUNS, { collectorId: 'http.json', configurationId: configuration.id })).collectorRuns.totalCount).toBe(1);
    await service.jobs!.runJobNow(COLLECTOR_DISPATCH_JOB, { asOf: new Date(dueAt.getTime() + 86_400_000 + 1000).toISOString() });
    const again = await item(evidenceId);
    expect(again.versionNumber).toBe(2);
    expect(again.versions.map((v) => [v.number, v.status])).toEqual([
      [2, 'COLLECTED'],
      [1, 'SUPERSEDED'],
    ]);
    // Each version is on the outbox as EvidenceItemChanged, like any evidence.
    const consumer = testKafka().consumer({ groupId: `${prefix}collector-check` });
    const seen: { key?: string; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}evidence.item.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const events = await eventually('both versions of the collector item on the broker', () => {
        const mine = seen.filter((m) => m.key === evidenceId).map((m) => envelopeSchema.parse(m.value));
        return mine.length >= 2 ? mine : undefined;
      });
      expect(events.map((e) => [e.actor, e.data])).toEqual([
        ['collector:http.json', expect.objectContaining({ id: evidenceId, source: 'COLLECTOR', controlIds: ['A.8.16'], clauses: ['9.1'], unitId: unit, status: 'COLLECTED', versionNumber: 1 })],
        ['collector:http.json', expect.objectContaining({ id: evidenceId, source: 'COLLECTOR', versionNumber: 2 })],
      ]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('a failed assertion still records evidence, with its assertion FAILED, in the review queue', async () => {
    answer = { status: 200, body: JSON.stringify({ status: 'degraded' }) };
    const { configureCollector } = await service.ok<{ configureCollector: { id: string } }>(CONFIGURE, { input: { unitId: unit, collectorId: 'http.json', name: 'Degraded endpoint', config: httpConfig() } });
    const run = await runNow(configureCollector.id);
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', trigger: 'MANUAL', startedBy: manager.sub, itemsProduced: 1 });
    const recorded = await item(run.evidenceIds[0]!);
    expect(recorded.versions[0]).toMatchObject({ assertionPassed: false });
    expect(JSON.parse(recorded.versions[0]!.payload).assertion).toEqual({ passed: false, reason: '$.status should be equal to "ok" but is "degraded"' });
    const { reviewQueue } = await service.ok<{ reviewQueue: { nodes: { id: string }[] } }>(QUEUE);
    expect(reviewQueue.nodes.map((n) => n.id)).toContain(recorded.id);
  });

  it('a failing endpoint gives a FAILED run with its reason and no evidence', async () => {
    const { configureCollector } = await service.ok<{ configureCollector: { id: string } }>(CONFIGURE, { input: { unitId: unit, collectorId: 'http.json', name: 'Broken endpoint', config: httpConfig() } });
    const items = await count('evidence_item');
    answer = { status: 500, body: JSON.stringify({ error: 'boom' }) };
    const failed = await runNow(configureCollector.id);
    expect(failed).toMatchObject({ outcome: 'FAILED', itemsProduced: 0, evidenceIds: [], reason: `GET ${base}/health answered HTTP 500` });
    answer = { status: 200, body: '<html>not json</html>' };
    expect((await runNow(configureCollector.id)).reason).toMatch(/not JSON/);
    expect(await count('evidence_item')).toBe(items);
    const { collectorRuns } = await service.ok<{ collectorRuns: { nodes: Run[] } }>(RUNS, { collectorId: 'http.json', configurationId: configureCollector.id });
    expect(collectorRuns.nodes.map((r) => r.outcome)).toEqual(['FAILED', 'FAILED']);
  });

  it('runs a configuration once at a time: a second run while one is in progress is refused and records nothing', async () => {
    answer = { status: 200, body: JSON.stringify({ status: 'ok' }), delayMs: 1500 };
    const { configureCollector } = await service.ok<{ configureCollector: { id: string } }>(CONFIGURE, { input: { unitId: unit, collectorId: 'http.json', name: 'Slow endpoint', config: httpConfig() } });
    const first = service.request<{ runCollectorNow: Run }>(RUN_NOW, { id: configureCollector.id }, manager);
    await eventually('the first run has started', async () => {
      const [row] = await service.deps.dataSource.query(`SELECT count(*)::int AS n FROM collector_run WHERE configuration_id = $1`, [configureCollector.id]);
      return row.n === 1 ? true : undefined;
    });
    const second = await service.request<{ runCollectorNow: Run }>(RUN_NOW, { id: configureCollector.id }, manager);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'COLLECTOR_RUNNING' });
    expect((await first).data?.runCollectorNow).toMatchObject({ outcome: 'SUCCEEDED', itemsProduced: 1 });
    const { collectorRuns } = await service.ok<{ collectorRuns: { totalCount: number } }>(RUNS, { collectorId: 'http.json', configurationId: configureCollector.id });
    expect(collectorRuns.totalCount).toBe(1);
    answer = { status: 200, body: JSON.stringify({ status: 'ok' }) };
  });

  it('refuses loopback and private addresses unless the configuration allows them (SSRF)', async () => {
    answer = { status: 200, body: JSON.stringify({ status: 'ok' }) };
    const localhostHttps = base.replace('http://127.0.0.1', 'https://localhost');
    const { configureCollector } = await service.ok<{ configureCollector: { id: string } }>(CONFIGURE, {
      input: { unitId: unit, collectorId: 'http.json', name: 'Internal address', config: JSON.stringify({ url: `${localhostHttps}/health`, assertion: { path: '$.status', expected: 'ok' } }) },
    });
    const refused = await runNow(configureCollector.id);
    expect(refused.outcome).toBe('FAILED');
    expect(refused.reason).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a private or loopback address/);
  });

  it('runs a collector loaded from a package like a built-in one', async () => {
    const { configureCollector } = await service.ok<{ configureCollector: { id: string; schedule: string } }>(CONFIGURE, {
      input: { unitId: unit, collectorId: 'acme.uptime', config: JSON.stringify({ target: 'portal', uptimePercent: 99.95 }) },
    });
    expect(configureCollector.schedule).toBe('0 4 * * 1');
    const run = await runNow(configureCollector.id);
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', collectorVersion: '2.1.0', itemsProduced: 1 });
    expect(await item(run.evidenceIds[0]!)).toMatchObject({ controlIds: ['A.8.14'], source: 'COLLECTOR', versions: [expect.objectContaining({ assertionPassed: true })] });
    // A first run that stopped after recording its item but before linking it: the next run adopts that item.
    await service.deps.dataSource.query('DELETE FROM collector_evidence WHERE configuration_id = $1', [configureCollector.id]);
    const next = await runNow(configureCollector.id);
    expect(next.evidenceIds).toEqual(run.evidenceIds);
    expect((await item(run.evidenceIds[0]!)).versionNumber).toBe(2);
  });

  it('training events become awareness evidence (A.6.3, 7.2, 7.3) with completion rates and acknowledgements (flow 4)', async () => {
    const course = randomUUID();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const dueOn = day(30);
    const assignments = [randomUUID(), randomUUID(), randomUUID(), randomUUID()].map((id) => ({ id, personId: randomUUID() }));
    for (const { id, personId } of assignments) {
      await publisher.publishAs(AssignmentChanged, { id, courseId: course, personId, status: 'ASSIGNED', dueOn, completedAt: null });
    }
    // Past its due date before the overdue job marked it: overdue all the same. Exempted: owed by nobody.
    await publisher.publishAs(AssignmentChanged, { id: randomUUID(), courseId: course, personId: randomUUID(), status: 'ASSIGNED', dueOn: day(-2), completedAt: null });
    await publisher.publishAs(AssignmentChanged, { id: randomUUID(), courseId: course, personId: randomUUID(), status: 'EXEMPT', dueOn, completedAt: null });
    await eventually('the six assignments replicated', async () => ((await count('training_assignment_replica')) === 6 ? true : undefined));
    const completedAt = new Date().toISOString();
    for (const { id, personId } of assignments.slice(0, 3)) {
      await publisher.publishAs(AssignmentChanged, { id, courseId: course, personId, status: 'COMPLETED', dueOn, completedAt });
    }
    const policyId = randomUUID();
    await publisher.publishAs(PolicyAcknowledged, { id: randomUUID(), policyId, versionId: randomUUID(), version: '1.0', personId: randomUUID(), acknowledgedAt: completedAt });
    await eventually('completions and the acknowledgement replicated', async () => {
      const [row] = await service.deps.dataSource.query(
        `SELECT (SELECT count(*) FROM training_assignment_replica WHERE status = 'COMPLETED')::int AS completed, (SELECT count(*) FROM policy_acknowledgement_replica)::int AS acks`,
      );
      return row.completed === 3 && row.acks === 1 ? true : undefined;
    });

    const { configureCollector } = await service.ok<{ configureCollector: { id: string } }>(CONFIGURE, {
      input: { unitId: unit, collectorId: 'training.awareness', config: JSON.stringify({ minCompletionRate: 0.6 }) },
    });
    const run = await runNow(configureCollector.id);
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', itemsProduced: 2 });
    const [completions, acknowledgements] = await Promise.all(run.evidenceIds.map(item));
    expect(completions).toMatchObject({ source: 'COLLECTOR', controlIds: ['A.6.3'], clauses: ['7.2', '7.3'] });
    const completionPayload = JSON.parse(completions!.versions[0]!.payload);
    expect(completionPayload.data.totals).toEqual({ assigned: 5, completed: 3, overdue: 1, exempt: 1, completionRate: 0.6 });
    expect(completionPayload.data.courses).toEqual([{ courseId: course, assigned: 5, completed: 3, overdue: 1, exempt: 1, completionRate: 0.6 }]);
    expect(completions!.versions[0]!.assertionPassed).toBe(true);
    const ackPayload = JSON.parse(acknowledgements!.versions[0]!.payload);
    expect(ackPayload.data).toMatchObject({ total: 1, policies: [{ policyId, version: '1.0', acknowledgements: 1, people: 1 }] });

    // A stricter threshold fails the assertion on the next version of the same item.
    await service.ok(CONFIGURE, { input: { id: configureCollector.id, unitId: unit, collectorId: 'training.awareness', config: JSON.stringify({ minCompletionRate: 0.9 }) } });
    const stricter = await runNow(configureCollector.id);
    expect(stricter.evidenceIds).toEqual(run.evidenceIds);
    const failedVersion = (await item(run.evidenceIds[0]!)).versions[0]!;
    expect(failedVersion).toMatchObject({ number: 2, assertionPassed: false });
    expect(JSON.parse(failedVersion.payload).assertion.reason).toMatch(/only 3 of 5 assignments completed \(60\.0 %, below the required 90\.0 %\); 1 overdue/);
  });
});
