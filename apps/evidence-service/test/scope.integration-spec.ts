import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { evidence } from '../src/subgraph';

const ADD = `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { id } }`;
const REVIEW = `mutation($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id } }`;
const VERSION = `mutation($input: AddEvidenceVersionInput!) { addEvidenceVersion(input: $input) { id } }`;
const MAP = `mutation($input: MapEvidenceInput!) { mapEvidence(input: $input) { id } }`;
const LIST = `query($filter: EvidenceFilterInput) { evidenceItems(filter: $filter) { totalCount nodes { id title } } }`;
const ONE = `query($id: ID!) { evidenceItem(id: $id) { id reviewReason history { action } versions { number decision reviewReason } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on EvidenceItem { id title } } }`;

/**
 * Evidence items are unit records: organisation-wide readers see all; control owners, risk owners and service
 * accounts those of their units; an external auditor accepted items of the grant's units overlapping the grant's
 * period, without internal fields; an employee nothing. Writes outside the caller's units are refused, nothing written.
 */
describe('evidence-service: who reads and changes which evidence', () => {
  const prefix = uniqueTopicPrefix('evidence-scope');
  let service: TestSubgraph<EvidenceConfig>;
  const [unitA, unitB] = [randomUUID(), randomUUID()];
  const manager = testClaims([Role.IsmsManager]);
  const ids: Record<string, string> = {};

  async function add(key: string, unitId: string, dates: Record<string, string>, claims: Claims): Promise<void> {
    const input = { title: key, unitId, controlIds: ['A.8.13'], content: { kind: 'LINK', url: `https://backup.example.com/${key}` }, ...dates };
    ids[key] = (await service.ok<{ addEvidence: { id: string } }>(ADD, { input }, claims)).addEvidence.id;
  }

  async function listed(claims: Claims, filter: Record<string, unknown> = {}): Promise<string[]> {
    const { evidenceItems } = await service.ok<{ evidenceItems: { totalCount: number; nodes: { id: string; title: string }[] } }>(LIST, { filter }, claims);
    expect(evidenceItems.totalCount).toBe(evidenceItems.nodes.length);
    return evidenceItems.nodes.map((node) => node.title).sort();
  }

  async function referenced(claims: Claims): Promise<string[]> {
    const keys = Object.keys(ids).sort();
    const { _entities } = await service.ok<{ _entities: ({ title: string } | null)[] }>(ENTITIES, { r: keys.map((key) => ({ __typename: 'EvidenceItem', id: ids[key] })) }, claims);
    return _entities.map((item) => item?.title).filter((title): title is string => Boolean(title)).sort();
  }

  beforeAll(async () => {
    service = await startTestSubgraph(evidence, { topicPrefix: prefix });
    const ownerA = testClaims([Role.ControlOwner], { unitIds: [unitA] });
    const ownerB = testClaims([Role.ControlOwner], { unitIds: [unitB] });
    await add('a-q1-approved', unitA, { periodStart: '2026-01-01', periodEnd: '2026-03-31', effectiveDate: '2026-04-01' }, ownerA);
    await add('a-q3-approved', unitA, { periodStart: '2026-07-01', periodEnd: '2026-09-30', effectiveDate: '2026-10-01' }, ownerA);
    await add('a-q1-collected', unitA, { periodStart: '2026-01-01', periodEnd: '2026-03-31', effectiveDate: '2026-04-01' }, ownerA);
    await add('a-q1-rejected', unitA, { periodStart: '2026-01-01', periodEnd: '2026-03-31', effectiveDate: '2026-04-01' }, ownerA);
    await add('a-day-approved', unitA, { effectiveDate: '2026-02-15' }, ownerA);
    await add('b-q1-approved', unitB, { periodStart: '2026-01-01', periodEnd: '2026-03-31', effectiveDate: '2026-04-01' }, ownerB);
    for (const key of ['a-q1-approved', 'a-q3-approved', 'a-day-approved', 'b-q1-approved']) {
      await service.ok(REVIEW, { input: { id: ids[key], decision: 'APPROVED', reason: 'internal note on the review' } }, manager);
    }
    await service.ok(REVIEW, { input: { id: ids['a-q1-rejected'], decision: 'REJECTED', reason: 'wrong quarter' } }, manager);
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('lets organisation-wide readers read everything, and unit roles only their units, by list and by reference', async () => {
    const all = Object.keys(ids).sort();
    for (const claims of [manager, testClaims([Role.InternalAuditor]), testClaims([Role.Executive])]) {
      expect(await listed(claims)).toEqual(all);
      expect(await referenced(claims)).toEqual(all);
    }
    const inA = all.filter((key) => key.startsWith('a-'));
    for (const claims of [testClaims([Role.ControlOwner], { unitIds: [unitA] }), testClaims([Role.RiskOwner], { unitIds: [unitA] }), testClaims([Role.ServiceAccount], { unitIds: [unitA] })]) {
      expect(await listed(claims)).toEqual(inA);
      // The same reach, and the same totals, when the list is read through a control's mapping.
      expect(await listed(claims, { controlId: 'A.8.13' })).toEqual(inA);
      expect(await listed(claims, { controlId: 'A.8.13', status: 'APPROVED' })).toEqual(['a-day-approved', 'a-q1-approved', 'a-q3-approved']);
      expect(await referenced(claims)).toEqual(inA);
      expect((await service.ok<{ evidenceItem: unknown }>(ONE, { id: ids['b-q1-approved'] }, claims)).evidenceItem).toBeNull();
    }
    expect(await listed(testClaims([Role.ControlOwner]))).toEqual([]);
  });

  it("shows an external auditor only accepted evidence of the grant's units overlapping the grant's period, without internal fields", async () => {
    const auditor = testClaims([Role.ExternalAuditor], { unitIds: [unitA], engagementId: randomUUID(), periodStart: '2026-01-01', periodEnd: '2026-06-30' });
    expect(await listed(auditor)).toEqual(['a-day-approved', 'a-q1-approved']);
    expect(await listed(auditor, { controlId: 'A.8.13' })).toEqual(['a-day-approved', 'a-q1-approved']);
    expect(await listed(auditor, { controlId: 'A.5.1' })).toEqual([]);
    expect(await referenced(auditor)).toEqual(['a-day-approved', 'a-q1-approved']);
    const { evidenceItem } = await service.ok<{ evidenceItem: Record<string, unknown> }>(ONE, { id: ids['a-q1-approved'] }, auditor);
    expect(evidenceItem).toEqual({ id: ids['a-q1-approved'], reviewReason: null, history: null, versions: [{ number: 1, decision: 'APPROVED', reviewReason: null }] });
    for (const key of ['a-q1-collected', 'a-q1-rejected', 'a-q3-approved', 'b-q1-approved']) {
      expect((await service.ok<{ evidenceItem: unknown }>(ONE, { id: ids[key] }, auditor)).evidenceItem).toBeNull();
    }
    const laterPeriod = testClaims([Role.ExternalAuditor], { unitIds: [unitA], engagementId: randomUUID(), periodStart: '2026-09-01', periodEnd: '2026-12-31' });
    expect(await listed(laterPeriod)).toEqual(['a-q3-approved']);
    const noPeriod = testClaims([Role.ExternalAuditor], { unitIds: [unitA, unitB], engagementId: randomUUID() });
    expect(await listed(noPeriod)).toEqual([]);
    expect(await referenced(noPeriod)).toEqual([]);
    // Internal readers see the internal fields.
    const internal = await service.ok<{ evidenceItem: { reviewReason: string; history: unknown[] } }>(ONE, { id: ids['a-q1-approved'] }, manager);
    expect(internal.evidenceItem.reviewReason).toBe('internal note on the review');
    expect(internal.evidenceItem.history).toHaveLength(2);
  });

  it('refuses writes outside the caller\'s units with OUT_OF_SCOPE and writes nothing', async () => {
    const ownerA = testClaims([Role.ControlOwner], { unitIds: [unitA] });
    const [before] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM evidence_item) AS items, (SELECT count(*) FROM evidence_version) AS versions, (SELECT count(*) FROM evidence_mapping) AS mappings, (SELECT count(*) FROM outbox_event) AS events');
    const into = await service.request(ADD, { input: { title: 'X', unitId: unitB, controlIds: ['A.8.13'], content: { kind: 'LINK', url: 'https://x.example' } } }, ownerA);
    expect(into.errors?.[0]).toMatchObject({ message: expect.stringContaining(`unit ${unitB} is not one of your units`), extensions: { code: 'OUT_OF_SCOPE', category: 'FORBIDDEN' } });
    const version = await service.request(VERSION, { input: { evidenceId: ids['b-q1-approved'], content: { kind: 'LINK', url: 'https://x.example' } } }, ownerA);
    expect(version.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const mapping = await service.request(MAP, { input: { id: ids['b-q1-approved'], controlIds: ['A.8.14'] } }, ownerA);
    expect(mapping.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const [after] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM evidence_item) AS items, (SELECT count(*) FROM evidence_version) AS versions, (SELECT count(*) FROM evidence_mapping) AS mappings, (SELECT count(*) FROM outbox_event) AS events');
    expect(after).toEqual(before);
  });

  it('gives an employee nothing: FORBIDDEN on the list, null by reference', async () => {
    const employee = testClaims([Role.Employee], { unitIds: [unitA] });
    expect((await service.request(LIST, {}, employee)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await referenced(employee)).toEqual([]);
  });
});
