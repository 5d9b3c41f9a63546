import { createHash, randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { evidence } from '../src/subgraph';

const ADD = `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { id title status clause validUntil sha256 collectedBy collectedAt control { id } } }`;
const REVIEW = `mutation($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id status reviewedBy reviewComment } }`;
const LIST = `query($controlId: String) { evidenceItems(controlId: $controlId) { id title status control { id } } }`;

describe('evidence-service: evidence items and their review', () => {
  const prefix = uniqueTopicPrefix('evidence');
  let service: TestSubgraph<EvidenceConfig>;
  const collector = testClaims([Role.ControlOwner], { email: 'collector@example.test' });
  const reviewer = testClaims([Role.ControlOwner], { email: 'reviewer@example.test' });

  async function counts(): Promise<{ items: number; events: number }> {
    const [row] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM evidence_item) AS items, (SELECT count(*) FROM outbox_event) AS events');
    return { items: Number(row.items), events: Number(row.events) };
  }

  async function add(title: string, controlId: string | null = 'A.5.15'): Promise<string> {
    const { addEvidence } = await service.ok<{ addEvidence: { id: string } }>(ADD, { input: { title, controlId } }, collector);
    return addEvidence.id;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(evidence, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('collects evidence for a control, has someone else approve it, and publishes each change on Kafka', async () => {
    const sha256 = createHash('sha256').update('access review export 2030-Q1').digest('hex');
    const { addEvidence: item } = await service.ok<{ addEvidence: Record<string, unknown> & { id: string } }>(
      ADD,
      { input: { title: 'Quarterly access review', description: 'Export of the IAM review', controlId: 'A.5.18', clause: '9.1', validUntil: '2099-03-31', sha256: sha256.toUpperCase() } },
      collector,
    );
    expect(item).toMatchObject({ status: 'COLLECTED', clause: '9.1', validUntil: '2099-03-31', sha256, collectedBy: collector.sub, control: { id: 'A.5.18' } });
    await add('Training records', null);

    const forControl = await service.ok<{ evidenceItems: { id: string; control: { id: string } }[] }>(LIST, { controlId: 'A.5.18' }, testClaims([Role.InternalAuditor]));
    expect(forControl.evidenceItems).toEqual([{ id: item.id, title: 'Quarterly access review', status: 'COLLECTED', control: { id: 'A.5.18' } }]);
    const all = await service.ok<{ evidenceItems: unknown[] }>(LIST, {});
    expect(all.evidenceItems).toHaveLength(2);

    const { reviewEvidence } = await service.ok<{ reviewEvidence: Record<string, unknown> }>(REVIEW, { input: { id: item.id, decision: 'APPROVED', comment: 'Complete' } }, reviewer);
    expect(reviewEvidence).toEqual({ id: item.id, status: 'APPROVED', reviewedBy: reviewer.sub, reviewComment: 'Complete' });

    const consumer = testKafka().consumer({ groupId: `${prefix}check` });
    const seen: { key?: string; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}evidence.item.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const events = await eventually('both changes of the item on the broker', () => {
        const mine = seen.filter((m) => m.key === item.id);
        return mine.length >= 2 ? mine.map((m) => envelopeSchema.parse(m.value)) : undefined;
      });
      expect(events.map((e) => e.data)).toEqual([
        { id: item.id, controlId: 'A.5.18', clause: '9.1', status: 'COLLECTED', validUntil: '2099-03-31' },
        { id: item.id, controlId: 'A.5.18', clause: '9.1', status: 'APPROVED', validUntil: '2099-03-31' },
      ]);
      expect(events[1]).toMatchObject({ type: 'evidence.item.changed', version: 1, source: 'evidence-service', organisationId: TEST_ORGANISATION_ID, actor: reviewer.sub });
    } finally {
      await consumer.disconnect();
    }
  });

  it('rejects bad input, self-approval and double review with a clear error, and writes nothing', async () => {
    const id = await add('Firewall rule review');
    const reviewed = await add('Backup restore test', 'A.8.13');
    await service.ok(REVIEW, { input: { id: reviewed, decision: 'REJECTED', comment: 'Restore log missing' } }, reviewer);
    const before = await counts();

    const unknownControl = await service.request(ADD, { input: { title: 'X', controlId: 'A.5.99' } }, collector);
    expect(unknownControl.errors?.[0]).toMatchObject({ message: 'A.5.99 is not a control of ISO/IEC 27001:2022 Annex A', extensions: { code: 'UNKNOWN_CONTROL', category: 'BAD_USER_INPUT' } });
    const badShape = await service.request(ADD, { input: { title: 'X', controlId: '5.15', sha256: 'abc' } }, collector);
    expect(badShape.errors?.[0]).toMatchObject({ message: expect.stringContaining('controlId must be an Annex A control id'), extensions: { code: 'VALIDATION_FAILED' } });
    expect(badShape.errors?.[0]?.message).toContain('sha256 must be 64 hexadecimal characters');
    const future = await service.request(ADD, { input: { title: 'X', collectedAt: '2099-01-10T09:00:00Z' } }, collector);
    expect(future.errors?.[0]).toMatchObject({ message: 'collectedAt 2099-01-10T09:00:00.000Z is in the future', extensions: { code: 'COLLECTED_IN_FUTURE' } });
    const past = await service.request(ADD, { input: { title: 'X', collectedAt: '2024-01-10T09:00:00Z', validUntil: '2024-01-09' } }, collector);
    expect(past.errors?.[0]).toMatchObject({ message: 'validUntil (2024-01-09) must not be before the day it was collected', extensions: { code: 'VALID_UNTIL_BEFORE_COLLECTED' } });

    const self = await service.request(REVIEW, { input: { id, decision: 'APPROVED' } }, collector);
    expect(self.errors?.[0]).toMatchObject({
      message: 'segregation of duties: you collected this evidence, so someone else must approve it',
      extensions: { code: 'SELF_APPROVAL', category: 'FORBIDDEN' },
    });
    const noComment = await service.request(REVIEW, { input: { id, decision: 'REJECTED' } }, reviewer);
    expect(noComment.errors?.[0]?.extensions).toMatchObject({ code: 'COMMENT_REQUIRED', category: 'BAD_USER_INPUT' });
    const twice = await service.request(REVIEW, { input: { id: reviewed, decision: 'APPROVED' } }, reviewer);
    expect(twice.errors?.[0]).toMatchObject({ message: expect.stringContaining('is REJECTED'), extensions: { code: 'EVIDENCE_ALREADY_REVIEWED', category: 'CONFLICT' } });
    const missing = await service.request(REVIEW, { input: { id: randomUUID(), decision: 'APPROVED' } }, reviewer);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'EVIDENCE_NOT_FOUND', category: 'NOT_FOUND' });

    expect(await counts()).toEqual(before);
    const [row] = await service.deps.dataSource.query('SELECT status FROM evidence_item WHERE id = $1', [id]);
    expect(row.status).toBe('COLLECTED');
  });

  it('checks roles: only control owners, ISMS managers and admins collect and review; no call without gateway claims', async () => {
    const id = await add('Supplier assessment', 'A.5.19');
    const before = await counts();
    for (const claims of [testClaims([Role.Employee]), testClaims([Role.InternalAuditor]), testClaims([Role.ExternalAuditor], { engagementId: randomUUID() })]) {
      const adding = await service.request(ADD, { input: { title: 'X' } }, claims);
      expect(adding.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const reviewing = await service.request(REVIEW, { input: { id, decision: 'APPROVED' } }, claims);
      expect(reviewing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const employeeRead = await service.request(LIST, {}, testClaims([Role.Employee]));
    expect(employeeRead.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    await service.ok(REVIEW, { input: { id, decision: 'APPROVED' } }, testClaims([Role.IsmsManager]));

    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST }) });
    expect(direct.status).toBe(401);
  });
});
