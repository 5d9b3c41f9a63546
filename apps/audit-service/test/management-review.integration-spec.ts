import { randomUUID } from 'node:crypto';
import { Claims, CLAIMS_HEADER, Role, signInternalToken } from '@iso27001/authz';
import { PersonUpserted } from '@iso27001/contracts';
import { DOCUMENT_PROVENANCE_HEADER } from '@iso27001/platform';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const FIELDS = `id status title decisions notes signedOffByName inputs { gatheredAt previousActions { name count } nonconformities { name count } correctiveActions { name count } auditResults { name count } programme { name count } certificationStatus } actions { id description ownerPersonId dueOn doneAt }`;
const CREATE = `mutation($input: CreateManagementReviewInput!) { createManagementReview(input: $input) { ${FIELDS} } }`;
const GATHER = `mutation($id: ID!) { gatherManagementReviewInputs(id: $id) { ${FIELDS} } }`;
const RECORD = `mutation($input: RecordManagementReviewInput!) { recordManagementReview(input: $input) { ${FIELDS} } }`;
const SIGN = `mutation($id: ID!) { signOffManagementReview(id: $id) { ${FIELDS} } }`;
const DONE = `mutation($id: ID!) { completeManagementReviewAction(id: $id) { id doneAt } }`;
const LIST = `{ managementReviews { id status } }`;

interface Review {
  id: string;
  status: string;
  inputs: { nonconformities: { name: string; count: number }[]; previousActions: { name: string; count: number }[] } | null;
  actions: { id: string; description: string }[];
  signedOffByName: string | null;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('audit-service: management review (clause 9.3)', () => {
  const prefix = uniqueTopicPrefix('review');
  let service: TestSubgraph<AuditConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager], { sub: 'isms-manager' });
  const ceo = testClaims([Role.Executive], { sub: 'ceo', name: 'Chief Executive' });
  const owner = { id: randomUUID(), email: 'olga.owner@bank.example', name: 'Olga Owner' };

  const ok = <T>(query: string, variables: Record<string, unknown>, claims: Claims = manager) => service.ok<T>(query, variables, claims);
  const document = async () =>
    fetch(new URL('/internal/documents/management-review-results', new URL(service.url).origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signInternalToken(service.secret) },
      body: JSON.stringify({ organisationId: TEST_ORGANISATION_ID }),
    });

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'review-test');
    await events.publishAs(PersonUpserted, { ...owner, unitId: null, jobRole: null, managerId: null, active: true });
    await eventually('owner replicated', async () => ((await service.deps.dataSource.query('SELECT count(*)::int AS n FROM person_replica'))[0].n === 1 ? true : undefined));
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('gathers the inputs, records decisions and actions, is signed off by top management other than its authors, and becomes the EV-14 document', async () => {
    // Something to review: an open minor nonconformity.
    const { createEngagement } = await ok<{ createEngagement: { id: string } }>('mutation { createEngagement(input: { type: INTERNAL, title: "Internal audit", startsOn: "2030-01-01", endsOn: "2030-01-02", leadAuditor: "Ines" }) { id } }', {});
    await ok('mutation($i: RaiseFindingInput!) { raiseFinding(input: $i) { id } }', { i: { engagementId: createEngagement.id, controlId: 'A.5.15', severity: 'MINOR_NONCONFORMITY', description: 'Leavers keep access' } }, testClaims([Role.InternalAuditor]));
    expect((await document()).status).toBe(404);

    const review = (await ok<{ createManagementReview: Review }>(CREATE, { input: { title: 'Annual management review 2030', heldOn: day(0) } })).createManagementReview;
    expect(review).toMatchObject({ status: 'DRAFT', inputs: null });
    const refusedSign = await service.request(SIGN, { id: review.id }, ceo);
    expect(refusedSign.errors?.[0]).toMatchObject({ extensions: { code: 'MANAGEMENT_REVIEW_INCOMPLETE' }, message: 'gather the inputs before signing off' });
    const gathered = (await ok<{ gatherManagementReviewInputs: Review }>(GATHER, { id: review.id })).gatherManagementReviewInputs;
    expect(gathered.inputs?.nonconformities).toEqual([
      { name: 'open', count: 1 },
      { name: 'closed', count: 0 },
      { name: 'openMajor', count: 0 },
    ]);
    expect(gathered.inputs?.previousActions).toEqual([
      { name: 'total', count: 0 },
      { name: 'done', count: 0 },
      { name: 'open', count: 0 },
      { name: 'overdue', count: 0 },
    ]);

    const outcome = { id: review.id, decisions: ['Run a leavers access review monthly'], actions: [{ description: 'Automate leaver deprovisioning', ownerPersonId: owner.id, dueOn: day(60) }], notes: 'Budget approved' };
    for (const [bad, code, message] of [
      [{ ...outcome, actions: [{ ...outcome.actions[0], ownerPersonId: randomUUID() }] }, 'REVIEW_ACTION_INVALID', /action 1: person .* is not an active person/],
      [{ ...outcome, actions: [{ ...outcome.actions[0], dueOn: day(-1) }] }, 'REVIEW_ACTION_INVALID', /action 1: the due date .* is in the past/],
    ] as const) {
      const refused = await service.request(RECORD, { input: bad }, manager);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code } });
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
    expect(Number((await service.deps.dataSource.query('SELECT count(*) FROM management_review_action'))[0].count)).toBe(0);
    const recorded = (await ok<{ recordManagementReview: Review }>(RECORD, { input: outcome })).recordManagementReview;
    expect(recorded.actions.map((action) => action.description)).toEqual(['Automate leaver deprovisioning']);

    // Not by the ISMS manager who prepared it (nor any role outside top management), by the chief executive.
    expect((await service.request(SIGN, { id: review.id }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const preparerExecutive = testClaims([Role.Executive, Role.IsmsManager], { sub: 'isms-manager' });
    expect((await service.request(SIGN, { id: review.id }, preparerExecutive)).errors?.[0]).toMatchObject({ extensions: { code: 'OWN_REVIEW' } });
    const signed = (await ok<{ signOffManagementReview: Review }>(SIGN, { id: review.id }, ceo)).signOffManagementReview;
    expect(signed).toMatchObject({ status: 'SIGNED_OFF', signedOffByName: 'Chief Executive' });
    expect((await service.request(GATHER, { id: review.id }, manager)).errors?.[0]?.extensions).toMatchObject({ code: 'MANAGEMENT_REVIEW_SIGNED_OFF' });

    // The signed-off review is the Stage 1 artefact EV-14, with its provenance.
    const pdf = await document();
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const provenance = JSON.parse(Buffer.from(pdf.headers.get(DOCUMENT_PROVENANCE_HEADER)!, 'base64url').toString());
    expect(provenance).toMatchObject({ document: 'management-review-results', sourceService: 'audit-service', records: [{ type: 'management_review', id: review.id }] });

    // The next review reports the actions of this one; its owner marks one done.
    const asOwner = testClaims([Role.Employee], { email: owner.email });
    expect((await service.request(DONE, { id: recorded.actions[0]!.id }, testClaims([Role.Employee]))).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ACTION_OWNER_OF_REVIEW' });
    await ok(DONE, { id: recorded.actions[0]!.id }, asOwner);
    const next = (await ok<{ createManagementReview: Review }>(CREATE, { input: { title: 'Review 2031', heldOn: day(1) } })).createManagementReview;
    const nextInputs = (await ok<{ gatherManagementReviewInputs: Review }>(GATHER, { id: next.id })).gatherManagementReviewInputs.inputs!;
    expect(nextInputs.previousActions).toEqual([
      { name: 'total', count: 1 },
      { name: 'done', count: 1 },
      { name: 'open', count: 0 },
      { name: 'overdue', count: 0 },
    ]);
    expect((await ok<{ managementReviews: { status: string }[] }>(LIST, {}, testClaims([Role.InternalAuditor]))).managementReviews.map((r) => r.status)).toEqual(['DRAFT', 'SIGNED_OFF']);
    expect((await service.request(LIST, {}, testClaims([Role.ExternalAuditor], { engagementId: createEngagement.id }))).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
