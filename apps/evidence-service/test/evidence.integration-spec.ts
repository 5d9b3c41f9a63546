import { createHash, randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { EXPIRY_JOB } from '../src/modules/evidence/evidence-expiry.jobs';
import { EvidenceExpiryService } from '../src/modules/evidence/evidence-expiry.service';
import { evidence } from '../src/subgraph';

const ITEM = `id title status source unitId effectiveDate periodStart periodEnd validUntil versionNumber collectedBy reviewedBy reviewReason controlIds clauses controls { id }`;
const ADD = `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { ${ITEM} } }`;
const VERSION = `mutation($input: AddEvidenceVersionInput!) { addEvidenceVersion(input: $input) { ${ITEM} } }`;
const REVIEW = `mutation($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { ${ITEM} } }`;
const MAP = `mutation($input: MapEvidenceInput!) { mapEvidence(input: $input) { id controlIds clauses } }`;
const UNMAP = `mutation($input: MapEvidenceInput!) { unmapEvidence(input: $input) { id controlIds clauses } }`;
const ONE = `query($id: ID!) { evidenceItem(id: $id) { ${ITEM} versions { number kind url payload assertionPassed sha256 status decision collectedBy reviewedBy reviewReason supersededAt } history { action version actor detail } } }`;
const LIST = `query($filter: EvidenceFilterInput, $first: Int, $offset: Int) { evidenceItems(filter: $filter, first: $first, offset: $offset) { totalCount nodes { id title status } } }`;
const QUEUE = `{ reviewQueue { totalCount nodes { id } } }`;
const EXPIRING = `query($days: Int!) { expiringEvidence(withinDays: $days) { totalCount nodes { id validUntil } } }`;

type Item = { id: string; status: string; versionNumber: number; controlIds: string[]; clauses: string[]; [key: string]: unknown };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('evidence-service: evidence items, versions, mappings, review and expiry', () => {
  const prefix = uniqueTopicPrefix('evidence');
  let service: TestSubgraph<EvidenceConfig>;
  const [unitA, unitB] = [randomUUID(), randomUUID()];
  const collector = testClaims([Role.ControlOwner], { email: 'collector@example.test', unitIds: [unitA] });
  const manager = testClaims([Role.IsmsManager], { email: 'isms@example.test' });
  const link = (url = 'https://wiki.example.com/access-review-q1') => ({ kind: 'LINK', url });

  async function counts(): Promise<Record<string, number>> {
    const [row] = await service.deps.dataSource.query(
      `SELECT (SELECT count(*) FROM evidence_item) AS items, (SELECT count(*) FROM evidence_version) AS versions, (SELECT count(*) FROM evidence_mapping) AS mappings,
              (SELECT count(*) FROM evidence_history) AS history, (SELECT count(*) FROM outbox_event) AS events`,
    );
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
  }

  async function add(input: Record<string, unknown>, claims = collector): Promise<Item> {
    const { addEvidence } = await service.ok<{ addEvidence: Item }>(ADD, { input: { title: 'Evidence', unitId: unitA, controlIds: ['A.5.15'], content: link(), ...input } }, claims);
    return addEvidence;
  }

  async function approve(id: string): Promise<Item> {
    return (await service.ok<{ reviewEvidence: Item }>(REVIEW, { input: { id, decision: 'APPROVED', reason: 'complete' } }, manager)).reviewEvidence;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(evidence, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('collects evidence mapped to many controls and a clause, has the ISMS manager accept it, supersedes it by a new version, and publishes each state on Kafka', async () => {
    const item = await add({
      title: 'Quarterly access review',
      description: 'Export of the IAM review',
      controlIds: ['A.8.5', 'A.5.18', 'A.5.18'],
      clauses: ['9.1'],
      effectiveDate: '2026-04-01',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      validUntil: '2099-03-31',
    });
    expect(item).toMatchObject({
      status: 'COLLECTED',
      source: 'MANUAL',
      unitId: unitA,
      effectiveDate: '2026-04-01',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      versionNumber: 1,
      collectedBy: collector.sub,
      controlIds: ['A.5.18', 'A.8.5'],
      clauses: ['9.1'],
      controls: [{ id: 'A.5.18' }, { id: 'A.8.5' }],
    });

    const accepted = await approve(item.id);
    expect(accepted).toMatchObject({ status: 'APPROVED', reviewedBy: manager.sub, reviewReason: 'complete' });

    // A collector's record: the server hashes the canonical JSON (keys sorted, no spaces), not the text it was sent.
    const payload = '{ "mfaEnforced": true, "accounts": [ { "user": "ana", "mfa": true } ], "checkedAt": "2026-04-02" }';
    const canonical = '{"accounts":[{"mfa":true,"user":"ana"}],"checkedAt":"2026-04-02","mfaEnforced":true}';
    const { addEvidenceVersion: superseded } = await service.ok<{ addEvidenceVersion: Item }>(
      VERSION,
      { input: { evidenceId: item.id, content: { kind: 'RECORD', payload, assertionPassed: true }, validUntil: '2099-06-30' } },
      collector,
    );
    expect(superseded).toMatchObject({ status: 'COLLECTED', versionNumber: 2, reviewedBy: null, validUntil: '2099-06-30', periodStart: '2026-01-01' });

    const { evidenceItem } = await service.ok<{ evidenceItem: Item & { versions: Record<string, unknown>[]; history: { action: string; version: number | null }[] } }>(ONE, { id: item.id });
    expect(evidenceItem.versions).toEqual([
      expect.objectContaining({ number: 2, kind: 'RECORD', payload: canonical, assertionPassed: true, sha256: sha256(canonical), status: 'COLLECTED', decision: null, collectedBy: collector.sub }),
      expect.objectContaining({ number: 1, kind: 'LINK', url: 'https://wiki.example.com/access-review-q1', sha256: null, status: 'SUPERSEDED', decision: 'APPROVED', reviewedBy: manager.sub, supersededAt: expect.any(String) }),
    ]);
    expect(evidenceItem.history.map((entry) => [entry.action, entry.version])).toEqual([
      ['ADDED', 1],
      ['APPROVED', 1],
      ['VERSION_ADDED', 2],
    ]);

    const consumer = testKafka().consumer({ groupId: `${prefix}check` });
    const seen: { key?: string; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}evidence.item.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const events = await eventually('the three states of the item on the broker', () => {
        const mine = seen.filter((m) => m.key === item.id);
        return mine.length >= 3 ? mine.map((m) => envelopeSchema.parse(m.value)) : undefined;
      });
      const common = { id: item.id, controlId: 'A.5.18', clause: '9.1', controlIds: ['A.5.18', 'A.8.5'], clauses: ['9.1'], unitId: unitA, source: 'MANUAL' };
      expect(events.map((e) => e.data)).toEqual([
        { ...common, status: 'COLLECTED', validUntil: '2099-03-31', versionNumber: 1 },
        { ...common, status: 'APPROVED', validUntil: '2099-03-31', versionNumber: 1 },
        { ...common, status: 'COLLECTED', validUntil: '2099-06-30', versionNumber: 2 },
      ]);
      expect(events[1]).toMatchObject({ type: 'evidence.item.changed', version: 1, source: 'evidence-service', organisationId: TEST_ORGANISATION_ID, actor: manager.sub });
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses bad input with a clear coded error and writes nothing', async () => {
    const existing = await add({ title: 'Firewall rule review' });
    const otherOrganisationFile = randomUUID();
    const someoneElsesFile = randomUUID();
    await service.deps.dataSource.query(
      `INSERT INTO evidence_file (id, organisation_id, sha256, size_bytes, media_type, file_name, uploaded_by) VALUES
         ($1, $2, $3, 10, 'application/pdf', 'other-org.pdf', $4), ($5, $6, $3, 10, 'application/pdf', 'colleague.pdf', $7)`,
      [otherOrganisationFile, randomUUID(), sha256('x'), collector.sub, someoneElsesFile, TEST_ORGANISATION_ID, randomUUID()],
    );
    const before = await counts();
    const base = { title: 'X', unitId: unitA, controlIds: ['A.5.15'], content: link() };
    const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
      ['unknown control', { ...base, controlIds: ['A.5.99'] }, 'UNKNOWN_CONTROL', 'A.5.99 is not a control of ISO/IEC 27001:2022 Annex A'],
      ['unknown clause', { ...base, clauses: ['4.9'] }, 'UNKNOWN_CLAUSE', /^4\.9 is not a clause requirement of ISO\/IEC 27001:2022/],
      ['no mapping', { ...base, controlIds: [] }, 'MAPPING_REQUIRED', /at least one Annex A control or clause requirement/],
      ['valid until before effective', { ...base, effectiveDate: '2026-03-01', validUntil: '2026-02-28' }, 'VALID_UNTIL_BEFORE_EFFECTIVE', 'validUntil (2026-02-28) must not be before the effective date (2026-03-01)'],
      ['period end before start', { ...base, periodStart: '2026-04-01', periodEnd: '2026-03-31' }, 'PERIOD_END_BEFORE_START', 'periodEnd (2026-03-31) must not be before periodStart (2026-04-01)'],
      ['plain http link', { ...base, content: link('http://wiki.example.com/page') }, 'LINK_NOT_HTTPS', 'url must use https, not http'],
      ['not a link', { ...base, content: link('wiki page') }, 'LINK_NOT_HTTPS', /absolute https address/],
      ['record too large', { ...base, content: { kind: 'RECORD', assertionPassed: true, payload: JSON.stringify({ rows: 'x'.repeat(300 * 1024) }) } }, 'RECORD_TOO_LARGE', /larger than 256 KiB/],
      ['record not JSON', { ...base, content: { kind: 'RECORD', assertionPassed: false, payload: '{not json' } }, 'RECORD_INVALID_JSON', 'payload must be a JSON document'],
      ['record without assertion', { ...base, content: { kind: 'RECORD', payload: '{}' } }, 'CONTENT_INVALID', /missing: assertionPassed/],
      ['link with a file', { ...base, content: { kind: 'LINK', url: 'https://x.example', fileId: someoneElsesFile } }, 'CONTENT_INVALID', /not allowed: fileId/],
      ['file of another organisation', { ...base, content: { kind: 'FILE', fileId: otherOrganisationFile } }, 'UNKNOWN_FILE', /is not a file you uploaded to this organisation/],
      ['file someone else uploaded', { ...base, content: { kind: 'FILE', fileId: someoneElsesFile } }, 'UNKNOWN_FILE', /is not a file you uploaded/],
      ['collected in the future', { ...base, collectedAt: '2099-01-10T09:00:00Z' }, 'COLLECTED_IN_FUTURE', 'collectedAt 2099-01-10T09:00:00.000Z is in the future'],
    ];
    for (const [label, input, code, message] of cases) {
      const result = await service.request(ADD, { input }, collector);
      expect({ label, code: result.errors?.[0]?.extensions?.['code'] }).toEqual({ label, code });
      expect(result.errors?.[0]?.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
    }
    const shape = await service.request(ADD, { input: { ...base, controlIds: ['5.15'], clauses: ['clause 9'] } }, collector);
    expect(shape.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(shape.errors?.[0]?.message).toContain('controlId must be an Annex A control id');
    const badVersion = await service.request(VERSION, { input: { evidenceId: existing.id, content: link('ftp://files.example.com/x') } }, collector);
    expect(badVersion.errors?.[0]?.extensions).toMatchObject({ code: 'LINK_NOT_HTTPS' });
    const badVersionDates = await service.request(VERSION, { input: { evidenceId: existing.id, content: link(), effectiveDate: '2100-01-01', validUntil: '2099-12-31' } }, collector);
    expect(badVersionDates.errors?.[0]?.extensions).toMatchObject({ code: 'VALID_UNTIL_BEFORE_EFFECTIVE' });
    const missing = await service.request(VERSION, { input: { evidenceId: randomUUID(), content: link() } }, collector);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'EVIDENCE_NOT_FOUND', category: 'NOT_FOUND' });
    for (const result of [shape, badVersion, missing]) expect(JSON.stringify(result.errors)).not.toMatch(/SELECT|INSERT|at .*\.ts:\d+/);

    expect(await counts()).toEqual(before);
  });

  it('lets only programme managers review, never the collector of the version, with a reason to reject, once per version', async () => {
    const item = await add({ title: 'Backup restore test', controlIds: ['A.8.13'] });
    const ownCollection = await add({ title: 'ISMS manager collected', controlIds: ['A.8.13'], unitId: unitB }, manager);
    const before = await counts();

    const byOwner = await service.request(REVIEW, { input: { id: item.id, decision: 'APPROVED' } }, testClaims([Role.ControlOwner], { unitIds: [unitA] }));
    expect(byOwner.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const self = await service.request(REVIEW, { input: { id: ownCollection.id, decision: 'APPROVED' } }, manager);
    expect(self.errors?.[0]).toMatchObject({
      message: 'segregation of duties: you collected this version of the evidence, so someone else must review it',
      extensions: { code: 'SELF_APPROVAL', category: 'FORBIDDEN' },
    });
    const selfReject = await service.request(REVIEW, { input: { id: ownCollection.id, decision: 'REJECTED', reason: 'mine' } }, manager);
    expect(selfReject.errors?.[0]?.extensions).toMatchObject({ code: 'SELF_APPROVAL' });
    const noReason = await service.request(REVIEW, { input: { id: item.id, decision: 'REJECTED', reason: '   ' } }, manager);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'REASON_REQUIRED', category: 'BAD_USER_INPUT' });
    const stale = await service.request(REVIEW, { input: { id: item.id, decision: 'APPROVED', versionNumber: 2 } }, manager);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_NOT_CURRENT', category: 'CONFLICT' });
    expect(await counts()).toEqual(before);

    const rejected = (await service.ok<{ reviewEvidence: Item }>(REVIEW, { input: { id: item.id, decision: 'REJECTED', reason: 'Restore log missing', versionNumber: 1 } }, manager)).reviewEvidence;
    expect(rejected).toMatchObject({ status: 'REJECTED', reviewReason: 'Restore log missing', reviewedBy: manager.sub });
    const twice = await service.request(REVIEW, { input: { id: item.id, decision: 'APPROVED' } }, testClaims([Role.Admin]));
    expect(twice.errors?.[0]).toMatchObject({ message: expect.stringContaining('is REJECTED'), extensions: { code: 'EVIDENCE_ALREADY_REVIEWED', category: 'CONFLICT' } });

    // The ISMS manager's own item is reviewed by another programme manager; a new version by someone else may be reviewed by them.
    await service.ok(REVIEW, { input: { id: ownCollection.id, decision: 'APPROVED' } }, testClaims([Role.Admin]));
    const corrected = (await service.ok<{ addEvidenceVersion: Item }>(VERSION, { input: { evidenceId: item.id, content: link('https://backup.example.com/restore-log') } }, collector)).addEvidenceVersion;
    expect(corrected).toMatchObject({ status: 'COLLECTED', versionNumber: 2 });
    expect((await approve(item.id)).status).toBe('APPROVED');
  });

  it('maps and unmaps controls and clauses, keeping at least one mapping', async () => {
    const item = await add({ title: 'Supplier assessment', controlIds: ['A.5.19'] });
    const mapped = (await service.ok<{ mapEvidence: Item }>(MAP, { input: { id: item.id, controlIds: ['A.5.20', 'A.5.19'], clauses: ['8.1'] } }, collector)).mapEvidence;
    expect(mapped).toEqual({ id: item.id, controlIds: ['A.5.19', 'A.5.20'], clauses: ['8.1'] });
    const unmapped = (await service.ok<{ unmapEvidence: Item }>(UNMAP, { input: { id: item.id, controlIds: ['A.5.19', 'A.5.20'] } }, collector)).unmapEvidence;
    expect(unmapped).toEqual({ id: item.id, controlIds: [], clauses: ['8.1'] });
    const before = await counts();
    const last = await service.request(UNMAP, { input: { id: item.id, clauses: ['8.1'] } }, collector);
    expect(last.errors?.[0]).toMatchObject({ message: expect.stringContaining('must stay mapped to at least one control or clause'), extensions: { code: 'LAST_MAPPING' } });
    const unknown = await service.request(MAP, { input: { id: item.id, controlIds: ['A.9.1'] } }, collector);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_CONTROL' });
    const nothing = await service.request(MAP, { input: { id: item.id } }, collector);
    expect(nothing.errors?.[0]?.extensions).toMatchObject({ code: 'MAPPING_REQUIRED' });
    expect(await counts()).toEqual(before);
    const { evidenceItem } = await service.ok<{ evidenceItem: { history: { action: string; detail: string }[] } }>(ONE, { id: item.id });
    expect(evidenceItem.history.slice(1).map((entry) => [entry.action, entry.detail])).toEqual([
      ['MAPPED', 'A.5.20, 8.1'],
      ['UNMAPPED', 'A.5.19, A.5.20'],
    ]);
  });

  it('sends accepted evidence mapped to more controls back to review (it counts for none until accepted again); removing a mapping keeps it accepted', async () => {
    const item = await add({ title: 'Access review, card platform', controlIds: ['A.5.15', 'A.5.18'] });
    expect((await approve(item.id)).status).toBe('APPROVED');
    const narrowed = (await service.ok<{ unmapEvidence: Item }>(UNMAP, { input: { id: item.id, controlIds: ['A.5.18'] } }, collector)).unmapEvidence;
    expect(narrowed.controlIds).toEqual(['A.5.15']);
    expect((await service.ok<{ evidenceItem: Item }>(ONE, { id: item.id })).evidenceItem.status).toBe('APPROVED');

    await service.ok(MAP, { input: { id: item.id, controlIds: ['A.8.2'] } }, collector);
    type Detail = Item & { versions: { number: number; status: string; decision: string | null; reviewedBy: string | null }[]; history: { action: string; version: number | null; detail: string }[] };
    const { evidenceItem } = await service.ok<{ evidenceItem: Detail }>(ONE, { id: item.id });
    expect(evidenceItem).toMatchObject({ status: 'COLLECTED', reviewedBy: null, reviewReason: null, controlIds: ['A.5.15', 'A.8.2'] });
    expect(evidenceItem.versions).toEqual([expect.objectContaining({ number: 1, status: 'COLLECTED', decision: null, reviewedBy: null })]);
    expect(evidenceItem.history.at(-1)).toEqual({ action: 'MAPPED', version: 1, actor: collector.sub, detail: 'A.8.2; accepted version 1 goes back to review' });
    // The list's mapping index follows (the review queue and the control's filter read it), and the event says so.
    const queue = await service.ok<{ reviewQueue: { nodes: { id: string }[] } }>(QUEUE, {}, manager);
    expect(queue.reviewQueue.nodes.map((node) => node.id)).toContain(item.id);
    const approvedOfControl = await service.ok<{ evidenceItems: { nodes: { id: string }[] } }>(LIST, { filter: { controlId: 'A.5.15', status: 'APPROVED' } }, manager);
    expect(approvedOfControl.evidenceItems.nodes.map((node) => node.id)).not.toContain(item.id);
    const [event] = await service.deps.dataSource.query(`SELECT envelope FROM outbox_event WHERE message_key = $1 ORDER BY seq DESC LIMIT 1`, [item.id]);
    expect(event.envelope.data).toMatchObject({ status: 'COLLECTED' });

    // Accepted again by the reviewer, it counts for both controls.
    expect((await approve(item.id)).status).toBe('APPROVED');
    const again = await service.ok<{ evidenceItems: { nodes: { id: string }[] } }>(LIST, { filter: { controlId: 'A.8.2', status: 'APPROVED' } }, manager);
    expect(again.evidenceItems.nodes.map((node) => node.id)).toContain(item.id);
  });

  it('lists a page with totals by control, clause, unit, status, source, expiry and words; the review queue and the expiring list', async () => {
    await service.deps.dataSource.query('TRUNCATE evidence_item CASCADE');
    const a1 = await add({ title: 'Payments access review', controlIds: ['A.5.18'], validUntil: '2099-01-31' });
    const a2 = await add({ title: 'Payments firewall review', controlIds: ['A.8.20', 'A.5.18'], clauses: ['9.2.2'], validUntil: '2099-12-31' });
    const b1 = await add({ title: 'HR onboarding checklist', controlIds: ['A.6.1'], unitId: unitB, source: 'COLLECTOR' }, manager);
    await approve(a1.id);
    const ids = async (filter: Record<string, unknown>, claims = manager, page: Record<string, number> = {}) => {
      const { evidenceItems } = await service.ok<{ evidenceItems: { totalCount: number; nodes: { id: string }[] } }>(LIST, { filter, ...page }, claims);
      return { total: evidenceItems.totalCount, ids: evidenceItems.nodes.map((node) => node.id) };
    };
    expect(await ids({})).toEqual({ total: 3, ids: [b1.id, a2.id, a1.id] });
    expect(await ids({}, manager, { first: 1, offset: 1 })).toEqual({ total: 3, ids: [a2.id] });
    expect(await ids({ controlId: 'A.5.18' })).toEqual({ total: 2, ids: [a2.id, a1.id] });
    expect(await ids({ clause: '9.2.2' })).toEqual({ total: 1, ids: [a2.id] });
    expect(await ids({ unitId: unitB })).toEqual({ total: 1, ids: [b1.id] });
    expect(await ids({ status: 'APPROVED' })).toEqual({ total: 1, ids: [a1.id] });
    expect(await ids({ source: 'COLLECTOR' })).toEqual({ total: 1, ids: [b1.id] });
    expect(await ids({ expiringBefore: '2099-06-30' })).toEqual({ total: 1, ids: [a1.id] });
    expect(await ids({ search: 'firewall' })).toEqual({ total: 1, ids: [a2.id] });
    expect(await ids({ search: '100%' })).toEqual({ total: 0, ids: [] });
    expect(await ids({ controlId: 'A.5.18', status: 'COLLECTED' })).toEqual({ total: 1, ids: [a2.id] });

    const { reviewQueue } = await service.ok<{ reviewQueue: { totalCount: number; nodes: { id: string }[] } }>(QUEUE, {}, manager);
    expect(reviewQueue).toEqual({ totalCount: 2, nodes: [{ id: a2.id }, { id: b1.id }] });
    const soon = async (days: number) => (await service.ok<{ expiringEvidence: { totalCount: number; nodes: { id: string }[] } }>(EXPIRING, { days }, manager)).expiringEvidence;
    expect((await soon(30)).totalCount).toBe(0);
    await service.deps.dataSource.query(`UPDATE evidence_item SET valid_until = current_date + 10, effective_date = current_date - 1 WHERE id = $1`, [a1.id]);
    expect(await soon(30)).toEqual({ totalCount: 1, nodes: [{ id: a1.id, validUntil: expect.any(String) }] });
    expect((await soon(5)).totalCount).toBe(0);

    const tooMany = await service.request(LIST, { first: 500 }, manager);
    expect(tooMany.errors?.[0]?.message).toContain('first must be at most 200');
  });

  it('expires approved evidence past its validity in batches, each with its event and history, and leaves the rest', async () => {
    await service.deps.dataSource.query('TRUNCATE evidence_item CASCADE');
    const past = { effectiveDate: '2025-01-01', validUntil: '2025-12-31' };
    const due = [];
    for (let index = 0; index < 5; index++) due.push(await add({ title: `Log review ${index}`, controlIds: ['A.8.15', 'A.8.16'], ...past }));
    for (const item of due) await approve(item.id);
    const fresh = await add({ title: 'Fresh', validUntil: '2099-01-01' });
    await approve(fresh.id);
    const unreviewed = await add({ title: 'Unreviewed', ...past });
    const rejected = await add({ title: 'Rejected', ...past });
    await service.ok(REVIEW, { input: { id: rejected.id, decision: 'REJECTED', reason: 'wrong export' } }, manager);
    const eventsBefore = (await counts())['events']!;

    const expiry = new EvidenceExpiryService(service.deps);
    expect(await expiry.expireDue('2026-12-02', 2)).toBe(5);
    const statuses: { id: string; status: string; version_status: string }[] = await service.deps.dataSource.query(
      'SELECT e.id, e.status, v.status AS version_status FROM evidence_item e JOIN evidence_version v ON v.evidence_id = e.id AND v.number = e.current_version',
    );
    const statusOf = new Map(statuses.map((row) => [row.id, [row.status, row.version_status]]));
    for (const item of due) expect(statusOf.get(item.id)).toEqual(['EXPIRED', 'EXPIRED']);
    expect(statusOf.get(fresh.id)).toEqual(['APPROVED', 'APPROVED']);
    expect(statusOf.get(unreviewed.id)).toEqual(['COLLECTED', 'COLLECTED']);
    expect(statusOf.get(rejected.id)).toEqual(['REJECTED', 'REJECTED']);

    const events: { subject_id: string; payload: { data: Record<string, unknown>; actor: string } }[] = await service.deps.dataSource.query(
      `SELECT message_key AS subject_id, envelope AS payload FROM outbox_event ORDER BY seq OFFSET $1`,
      [eventsBefore],
    );
    expect(events.map((event) => event.subject_id).sort()).toEqual(due.map((item) => item.id).sort());
    for (const event of events) {
      expect(event.payload).toMatchObject({ actor: 'evidence-service', data: { status: 'EXPIRED', controlIds: ['A.8.15', 'A.8.16'], validUntil: '2025-12-31' } });
    }
    const { evidenceItem } = await service.ok<{ evidenceItem: { status: string; history: { action: string; actor: string; detail: string }[] } }>(ONE, { id: due[0]!.id });
    expect(evidenceItem.status).toBe('EXPIRED');
    expect(evidenceItem.history.at(-1)).toMatchObject({ action: 'EXPIRED', actor: 'evidence-service', detail: 'valid until 2025-12-31' });

    // The totals' tally agrees with the items through every change so far.
    const tally = await service.deps.dataSource.query('SELECT unit_key::text AS unit, status, source, n::int AS n FROM evidence_item_tally WHERE n <> 0 ORDER BY 1, 2, 3');
    const actual = await service.deps.dataSource.query('SELECT unit_id::text AS unit, status, source, count(*)::int AS n FROM evidence_item GROUP BY 1, 2, 3 ORDER BY 1, 2, 3');
    expect(tally).toEqual(actual);
    // So do the mappings' copies of each item's unit, status and collection time.
    const [{ stale }] = await service.deps.dataSource.query(
      `SELECT count(*)::int AS stale FROM evidence_mapping m JOIN evidence_item e ON e.id = m.evidence_id
        WHERE (m.unit_id, m.status, m.collected_at) IS DISTINCT FROM (e.unit_id, e.status, e.collected_at)`,
    );
    expect(stale).toBe(0);

    // A second run, by the scheduled job on the job store, finds nothing; an expired item is not reviewed again.
    const eventsAfter = (await counts())['events'];
    expect(await service.jobs?.runJobNow(EXPIRY_JOB, { asOf: '2026-12-02' })).toMatchObject({ state: 'completed' });
    expect((await counts())['events']).toBe(eventsAfter);
    const again = await service.request(REVIEW, { input: { id: due[0]!.id, decision: 'APPROVED' } }, testClaims([Role.Admin]));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'EVIDENCE_ALREADY_REVIEWED' });
  });

  it('runs expiry as a scheduled job on the job store, daily and at start', async () => {
    const item = await add({ title: 'Penetration test report', controlIds: ['A.8.8'], effectiveDate: '2025-06-01', validUntil: '2026-06-01' });
    await approve(item.id);
    expect(service.jobs?.names).toContain(EXPIRY_JOB);
    // Sent as of a day on which it was still valid: nothing expires.
    expect(await service.jobs?.runJobNow(EXPIRY_JOB, { asOf: '2026-06-01' })).toMatchObject({ state: 'completed' });
    expect((await service.ok<{ evidenceItem: { status: string } }>(ONE, { id: item.id })).evidenceItem.status).toBe('APPROVED');
    // As of today (no day given), its validity has passed.
    expect(await service.jobs?.runJobNow(EXPIRY_JOB)).toMatchObject({ state: 'completed' });
    expect((await service.ok<{ evidenceItem: { status: string } }>(ONE, { id: item.id })).evidenceItem.status).toBe('EXPIRED');
    const runs = await service.jobs?.runs(EXPIRY_JOB);
    expect(runs?.filter((run) => run.state === 'completed').length).toBeGreaterThanOrEqual(2);
  });

  it('checks roles: employees and external auditors neither collect nor review; no call without gateway claims', async () => {
    const item = await add({ title: 'Clean desk walk-through', controlIds: ['A.7.7'] });
    const before = await counts();
    for (const claims of [testClaims([Role.Employee], { unitIds: [unitA] }), testClaims([Role.InternalAuditor]), testClaims([Role.ExternalAuditor], { unitIds: [unitA], engagementId: randomUUID() })]) {
      const adding = await service.request(ADD, { input: { title: 'X', unitId: unitA, controlIds: ['A.7.7'], content: link() } }, claims);
      expect(adding.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const reviewing = await service.request(REVIEW, { input: { id: item.id, decision: 'APPROVED' } }, claims);
      expect(reviewing.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      const mapping = await service.request(MAP, { input: { id: item.id, controlIds: ['A.7.8'] } }, claims);
      expect(mapping.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const employeeRead = await service.request(LIST, {}, testClaims([Role.Employee]));
    expect(employeeRead.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIST }) });
    expect(direct.status).toBe(401);
  });
});
