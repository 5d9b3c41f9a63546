import { randomBytes } from 'node:crypto';
import { controls } from '../../controls-service/src/subgraph';
import { evidence } from '../../evidence-service/src/subgraph';
import { EXPIRY_JOB } from '../../evidence-service/src/modules/evidence/evidence-expiry.jobs';
import { isms } from '../../isms-service/src/subgraph';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { startTestGateway, type TestGateway } from './test-gateway';

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

type Status = { status: string; reason: string };

/**
 * Flow 3 as a user meets it: evidence collected, accepted, superseded, rejected and expired in evidence-service
 * changes the operating status of every control it is mapped to in controls-service, through the gateway and Kafka.
 */
describe('flow 3: evidence changes the operating status of its controls', () => {
  const prefix = uniqueTopicPrefix('evidence-flows');
  const secret = randomBytes(32).toString('hex');
  const subgraphs: TestSubgraph<never>[] = [];
  let evidenceService: TestSubgraph<never>;
  let gateway: TestGateway;
  let adminToken: string;
  let managerToken: string;

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLBody<T>;
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function statuses(): Promise<Map<string, Status>> {
    const { controls: rows } = await ok<{ controls: { id: string; operatingStatus: Status }[] }>('{ controls { id operatingStatus { status reason } } }', {}, managerToken);
    return new Map(rows.map((row) => [row.id, row.operatingStatus]));
  }

  async function until(what: string, expected: Record<string, Status>): Promise<void> {
    await eventually(what, async () => {
      const current = await statuses();
      return Object.entries(expected).every(([id, status]) => current.get(id)?.status === status.status && current.get(id)?.reason === status.reason) ? true : undefined;
    });
  }

  beforeAll(async () => {
    const started = await Promise.all([isms, controls, evidence].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })));
    subgraphs.push(...(started as TestSubgraph<never>[]));
    const [ismsService, controlsService, evidenceStarted] = started as TestSubgraph<never>[];
    evidenceService = evidenceStarted!;
    gateway = await startTestGateway({
      secret,
      subgraphUrls: { isms: ismsService!.url, controls: controlsService!.url, evidence: evidenceService.url },
      maxQueryDepth: 4,
    });
    adminToken = await gateway.tokenFor('admin@demo.example');
    managerToken = await gateway.tokenFor('isms.manager@demo.example');
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('accepted → EFFECTIVE for every mapped control; a newer version rejected → not effective; expired by the job → EVIDENCE_EXPIRED', async () => {
    const { createOrgUnit } = await ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(input: { name: "IT operations", kind: DEPARTMENT }) { id } }', {}, adminToken);
    const add = async (title: string, controlIds: string[]) =>
      (
        await ok<{ addEvidence: { id: string } }>(
          'mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { id } }',
          { input: { title, unitId: createOrgUnit.id, controlIds, validUntil: '2099-12-31', content: { kind: 'LINK', url: `https://backup.example.com/${encodeURIComponent(title)}` } } },
          adminToken,
        )
      ).addEvidence.id;
    const review = (id: string, decision: 'APPROVED' | 'REJECTED', reason: string) =>
      ok('mutation($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id status } }', { input: { id, decision, reason } }, managerToken);

    // Collected by the administrator, awaiting review: the controls have no accepted evidence yet.
    const restore = await add('Quarterly restore test', ['A.8.13', 'A.5.30']);
    await until('awaiting review', {
      'A.8.13': { status: 'EVIDENCE_MISSING', reason: `no approved evidence (awaiting review: ${restore})` },
      'A.5.30': { status: 'EVIDENCE_MISSING', reason: `no approved evidence (awaiting review: ${restore})` },
    });

    // Accepted by the ISMS manager: both controls it is mapped to operate.
    const accepted = Date.now();
    await review(restore, 'APPROVED', 'restore log complete');
    await until('accepted evidence makes both controls effective', {
      'A.8.13': { status: 'EFFECTIVE', reason: `approved evidence: ${restore}` },
      'A.5.30': { status: 'EFFECTIVE', reason: `approved evidence: ${restore}` },
    });
    const acceptedLagMs = Date.now() - accepted;

    // Other evidence, rejected: its control does not operate.
    const logs = await add('Log review', ['A.8.15']);
    await review(logs, 'REJECTED', 'the export covers one day only');
    await until('rejected evidence does not count', { 'A.8.15': { status: 'EVIDENCE_MISSING', reason: 'no approved evidence' } });

    // A newer version of the restore test supersedes the accepted one; rejected, the controls no longer operate.
    await ok(
      'mutation($input: AddEvidenceVersionInput!) { addEvidenceVersion(input: $input) { id } }',
      { input: { evidenceId: restore, content: { kind: 'LINK', url: 'https://backup.example.com/restore-2' } } },
      adminToken,
    );
    await until('a newer version awaits review', { 'A.8.13': { status: 'EVIDENCE_MISSING', reason: `no approved evidence (awaiting review: ${restore})` } });
    await review(restore, 'REJECTED', 'wrong system restored');
    await until('rejected version', { 'A.8.13': { status: 'EVIDENCE_MISSING', reason: 'no approved evidence' }, 'A.5.30': { status: 'EVIDENCE_MISSING', reason: 'no approved evidence' } });

    // Accepted again, then its validity passes (the day moved on: its valid-until is now yesterday) and the expiry job runs.
    await ok(
      'mutation($input: AddEvidenceVersionInput!) { addEvidenceVersion(input: $input) { id } }',
      { input: { evidenceId: restore, content: { kind: 'LINK', url: 'https://backup.example.com/restore-3' } } },
      adminToken,
    );
    await review(restore, 'APPROVED', 'restore log complete');
    await until('effective again', { 'A.8.13': { status: 'EFFECTIVE', reason: `approved evidence: ${restore}` } });
    await evidenceService.deps.dataSource.query(`UPDATE evidence_item SET effective_date = current_date - 30, valid_until = current_date - 1 WHERE id = $1`, [restore]);
    expect((await statuses()).get('A.8.13')?.status).toBe('EFFECTIVE'); // controls-service still holds the earlier validity
    const expired = Date.now();
    // The scheduled job (daily on the job store), run now as its schedule would.
    expect(evidenceService.jobs?.names).toContain(EXPIRY_JOB);
    expect(await evidenceService.jobs!.runJobNow(EXPIRY_JOB)).toMatchObject({ state: 'completed' }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    await until('expired by the job', {
      'A.8.13': { status: 'EVIDENCE_EXPIRED', reason: `evidence expired: ${restore}` },
      'A.5.30': { status: 'EVIDENCE_EXPIRED', reason: `evidence expired: ${restore}` },
    });
    const expiredLagMs = Date.now() - expired;

    const { evidenceItem } = await ok<{ evidenceItem: { status: string; versions: { number: number; status: string; decision: string | null }[] } }>(
      'query($id: ID!) { evidenceItem(id: $id) { status versions { number status decision } } }',
      { id: restore },
      managerToken,
    );
    expect(evidenceItem).toEqual({
      status: 'EXPIRED',
      versions: [
        { number: 3, status: 'EXPIRED', decision: 'APPROVED' },
        { number: 2, status: 'SUPERSEDED', decision: 'REJECTED' },
        { number: 1, status: 'SUPERSEDED', decision: 'APPROVED' },
      ],
    });
    process.stderr.write(`flow 3 (evidence accepted -> control EFFECTIVE): ${acceptedLagMs} ms; (expired by the job -> EVIDENCE_EXPIRED): ${expiredLagMs} ms\n`);
  });
});
