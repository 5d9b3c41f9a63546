import { randomBytes } from 'node:crypto';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { audit } from '../../audit-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { startTestGateway, TestGateway } from './test-gateway';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const GRANT = `mutation($i: GrantAuditorAccessInput!) { grantAuditorAccess(input: $i) { id status unitNames periodStart periodEnd grantedBy } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * External auditors: an ISMS manager grants one engagement, its units and its period until an expiry; the auditor
 * works under that grant only, every request is checked and logged, and revoking or expiring counts from the next one.
 */
describe('external auditors under a grant, through the gateway', () => {
  const prefix = uniqueTopicPrefix('grants');
  const secret = randomBytes(32).toString('hex');
  let ismsService: TestSubgraph<never>;
  let auditService: TestSubgraph<never>;
  let gateway: TestGateway;
  let managerToken: string;
  let units: { retail: string; payments: string; cards: string; it: string };
  let engagements: { stage1: string; internal: string };

  async function call<T>(query: string, variables: Record<string, unknown>, token: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Body<T> }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Body<T> };
  }

  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token = managerToken): Promise<T> {
    const { body } = await call<T>(query, variables, token);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function redeem(code: string): Promise<{ status: number; body: { accessToken?: string; error?: string } }> {
    const response = await fetch(new URL('/auth/auditor-invitation', gateway.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    return { status: response.status, body: (await response.json()) as { accessToken?: string; error?: string } };
  }

  async function grantFor(email: string, unitIds: string[], expiresAt = inDays(30), engagementId = engagements.stage1): Promise<string> {
    const { grantAuditorAccess } = await ok<{ grantAuditorAccess: { id: string } }>(GRANT, {
      i: { engagementId, auditorName: 'Olivia Brandt', auditorEmail: email, firm: 'CertBody Ltd', unitIds, periodStart: '2026-01-01', periodEnd: '2026-06-30', expiresAt },
    });
    return grantAuditorAccess.id;
  }

  async function invitedSession(grantId: string): Promise<string> {
    const { inviteAuditor } = await ok<{ inviteAuditor: { code: string } }>('mutation($g: ID!) { inviteAuditor(grantId: $g) { code expiresAt } }', { g: grantId });
    const redeemed = await redeem(inviteAuditor.code);
    expect(redeemed.status).toBe(200);
    return redeemed.body.accessToken as string;
  }

  beforeAll(async () => {
    [ismsService, auditService] = (await Promise.all([isms, audit].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })))) as TestSubgraph<never>[];
    gateway = await startTestGateway({ secret, subgraphUrls: { isms: ismsService.url, audit: auditService.url }, maxQueryDepth: 8 });
    managerToken = await gateway.tokenFor('isms.manager@demo.example');
    const unit = async (name: string, kind: string, parentId: string | null) =>
      (await ok<{ createOrgUnit: { id: string } }>('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind, parentId } })).createOrgUnit.id;
    const retail = await unit('Retail Banking', 'BUSINESS_UNIT', null);
    const payments = await unit('Payments', 'DEPARTMENT', retail);
    const cards = await unit('Cards', 'TEAM', payments);
    const it = await unit('IT Operations', 'DEPARTMENT', null);
    units = { retail, payments, cards, it };
    const engagement = async (type: string, title: string) =>
      (
        await ok<{ createEngagement: { id: string } }>('mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
          i: { type, title, startsOn: '2026-07-01', endsOn: '2026-07-03', leadAuditor: 'Olivia Brandt' },
        })
      ).createEngagement.id;
    engagements = { stage1: await engagement('STAGE_1', 'Stage 1 documentation review'), internal: await engagement('INTERNAL', 'Internal audit of IT') };
    // audit-service learns the units from the broker before it can grant them.
    await eventually('audit-service knows the units', async () => {
      const [row] = await auditService.deps.dataSource.query('SELECT count(*)::int AS n FROM unit_replica');
      return row.n === 4;
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([ismsService, auditService].map((service) => service?.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses a grant that is not sound, with the reason, and writes nothing', async () => {
    const refused = async (changes: Record<string, unknown>, code: string) => {
      const { body } = await call(GRANT, {
        i: { engagementId: engagements.stage1, auditorName: 'O. Brandt', auditorEmail: 'auditor@certbody.example', firm: 'CertBody', unitIds: [units.payments], periodStart: '2026-01-01', periodEnd: '2026-06-30', expiresAt: inDays(30), ...changes },
      }, managerToken);
      expect(body.errors?.[0]?.extensions?.['code']).toBe(code);
      return body.errors?.[0]?.message;
    };
    expect(await refused({ auditorEmail: 'isms.manager@demo.example' }, 'GRANT_TO_SELF')).toMatch(/themselves/);
    expect(await refused({ periodEnd: '2025-12-31' }, 'GRANT_PERIOD_INVALID')).toMatch(/before periodStart/);
    expect(await refused({ expiresAt: inDays(-1) }, 'GRANT_EXPIRY_INVALID')).toMatch(/not in the future/);
    expect(await refused({ expiresAt: inDays(400) }, 'GRANT_EXPIRY_INVALID')).toMatch(/more than a year/);
    expect(await refused({ unitIds: ['9b1c2d3e-4f50-4a61-8b72-9c83d4e5f601'] }, 'GRANT_UNIT_UNKNOWN')).toMatch(/unknown unit/);
    expect(await refused({ unitIds: [] }, 'VALIDATION_FAILED')).toMatch(/at least one unit/);
    const employee = await gateway.tokenFor('employee@demo.example');
    const { body } = await call(GRANT, { i: { engagementId: engagements.stage1, auditorName: 'X', auditorEmail: 'x@y.example', firm: 'F', unitIds: [units.payments], periodStart: '2026-01-01', periodEnd: '2026-01-02', expiresAt: inDays(1) } }, employee);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const [row] = await auditService.deps.dataSource.query('SELECT count(*)::int AS n FROM audit_grant');
    expect(row.n).toBe(0);
  });

  it('lets the invited auditor read the engagement of the grant, its units and nothing else, and logs every request', async () => {
    const grantId = await grantFor('olivia@certbody.example', [units.payments]);
    const session = await invitedSession(grantId);

    const seen = await ok<{ engagements: { id: string }[]; myAuditGrant: { engagementId: string; unitNames: string[]; periodEnd: string } }>(
      'query AuditorHome { engagements { id } myAuditGrant { engagementId unitNames periodEnd } }',
      {},
      session,
    );
    expect(seen.engagements).toEqual([{ id: engagements.stage1 }]);
    expect(seen.myAuditGrant).toEqual({ engagementId: engagements.stage1, unitNames: ['Payments'], periodEnd: '2026-06-30' });
    const other = await call('query { engagement(id: $id) { id } }'.replace('$id', `"${engagements.internal}"`), {}, session);
    expect(other.body.errors?.[0]?.extensions?.['code']).toBe('OUTSIDE_ENGAGEMENT_GRANT');
    // The unit tree of isms-service: Payments and its sub-units, not Retail Banking nor IT Operations.
    const tree = await ok<{ orgUnits: { name: string }[] }>('{ orgUnits { name } }', {}, session);
    expect(tree.orgUnits.map((unit) => unit.name).sort()).toEqual(['Cards', 'Payments']);
    // No programme write, whatever the role gates of the subgraph say.
    const write = await call('mutation { createEngagement(input: { type: INTERNAL, title: "x", startsOn: "2026-01-01", endsOn: "2026-01-02", leadAuditor: "x" }) { id } }', {}, session);
    expect(write.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const log = await ok<{ auditorAccessLog: { totalCount: number; nodes: { kind: string; detail: string }[] } }>(
      'query($g: ID!) { auditorAccessLog(grantId: $g, first: 50) { totalCount nodes { kind detail } } }',
      { g: grantId },
    );
    const kinds = log.auditorAccessLog.nodes.map((entry) => entry.kind);
    expect(kinds[kinds.length - 1]).toBe('SIGN_IN');
    expect(log.auditorAccessLog.nodes.some((entry) => entry.kind === 'REQUEST' && entry.detail.startsWith('AuditorHome: query AuditorHome'))).toBe(true);
    expect(log.auditorAccessLog.totalCount).toBeGreaterThanOrEqual(5);
    // The log is append-only.
    await expect(auditService.deps.dataSource.query("UPDATE auditor_access_log SET detail = 'edited'")).rejects.toThrow(/append-only/);
    await expect(auditService.deps.dataSource.query('DELETE FROM auditor_access_log')).rejects.toThrow(/append-only/);
  });

  it('never returns the fields meant for internal eyes to an auditor', async () => {
    const person = (email: string, name: string, extra: Record<string, unknown>) =>
      ok<{ createPerson: { id: string } }>('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { email, name, unitId: units.payments, ...extra } });
    const boss = await person('boss@bank.example', 'Bea Boss', { externalId: 'HR-0001' });
    await person('clerk@bank.example', 'Carl Clerk', { externalId: 'HR-0002', managerId: boss.createPerson.id });
    const query = '{ people(search: "Carl") { nodes { name externalId managerId manager { name } } } }';
    const internal = await ok<{ people: { nodes: unknown[] } }>(query);
    expect(internal.people.nodes).toEqual([{ name: 'Carl Clerk', externalId: 'HR-0002', managerId: boss.createPerson.id, manager: { name: 'Bea Boss' } }]);
    const session = await invitedSession(await grantFor('fields@certbody.example', [units.payments]));
    const external = await ok<{ people: { nodes: unknown[] } }>(query, {}, session);
    expect(external.people.nodes).toEqual([{ name: 'Carl Clerk', externalId: null, managerId: null, manager: null }]);
  });

  it("shows an auditor the dated records of the grant's observation period only", async () => {
    const { createObjective } = await ok<{ createObjective: { id: string } }>('mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }', {
      i: { title: 'Patch critical vulnerabilities fast', metric: 'Median days to patch', targetValue: 7, unit: 'days', direction: 'LOWER_IS_BETTER' },
    });
    for (const [value, measuredAt] of [[20, '2025-11-15T12:00:00Z'], [12, '2026-03-15T12:00:00Z'], [9, '2026-06-30T18:00:00Z'], [5, '2026-07-10T12:00:00Z']] as const) {
      await ok('mutation($i: RecordObjectiveMeasurementInput!) { recordObjectiveMeasurement(input: $i) { id } }', { i: { objectiveId: createObjective.id, value, measuredAt } });
    }
    const query = '{ objectives { title history { value } latestMeasurement { value } targetMet } }';
    const internal = await ok<{ objectives: unknown[] }>(query);
    expect(internal.objectives).toEqual([{ title: 'Patch critical vulnerabilities fast', history: [{ value: 20 }, { value: 12 }, { value: 9 }, { value: 5 }], latestMeasurement: { value: 5 }, targetMet: true }]);
    // The grants of this suite observe 1 January to 30 June 2026.
    const session = await invitedSession(await grantFor('period@certbody.example', [units.payments]));
    const external = await ok<{ objectives: unknown[] }>(query, {}, session);
    expect(external.objectives).toEqual([{ title: 'Patch critical vulnerabilities fast', history: [{ value: 12 }, { value: 9 }], latestMeasurement: { value: 9 }, targetMet: false }]);
  });

  it('uses an invitation once, and refuses a forged or foreign session', async () => {
    const grantId = await grantFor('once@certbody.example', [units.cards]);
    const { inviteAuditor } = await ok<{ inviteAuditor: { code: string } }>('mutation($g: ID!) { inviteAuditor(grantId: $g) { code } }', { g: grantId });
    expect((await redeem(inviteAuditor.code)).status).toBe(200);
    const again = await redeem(inviteAuditor.code);
    expect(again).toEqual({ status: 401, body: { error: 'the invitation is unknown or was already used' } });
    expect((await redeem('iso_inv_made-up')).status).toBe(401);
    const session = await invitedSession(grantId);
    const forged = `${session.slice(0, -6)}AAAAAA`;
    expect((await call('{ engagements { id } }', {}, forged)).status).toBe(401);
  });

  it('refuses the next request once the grant is revoked, and once it has expired', async () => {
    const grantId = await grantFor('revoked@certbody.example', [units.payments]);
    const session = await invitedSession(grantId);
    expect((await call('{ engagements { id } }', {}, session)).status).toBe(200);
    await ok('mutation($id: ID!) { revokeAuditorAccess(id: $id) { status } }', { id: grantId });
    const refused = await call('{ engagements { id } }', {}, session);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.message).toBe('the audit grant is revoked');
    const log = await ok<{ auditorAccessLog: { nodes: { kind: string }[] } }>('query($g: ID!) { auditorAccessLog(grantId: $g) { nodes { kind } } }', { g: grantId });
    expect(log.auditorAccessLog.nodes[0]?.kind).toBe('REFUSED');

    const shortId = await grantFor('short@certbody.example', [units.payments], new Date(Date.now() + 3_000).toISOString());
    const shortSession = await invitedSession(shortId);
    expect((await call('{ engagements { id } }', {}, shortSession)).status).toBe(200);
    // A session from an invitation never outlives its grant: once the grant has expired, so has the session.
    const expired = await eventually('the grant expires', async () => {
      const answer = await call('{ engagements { id } }', {}, shortSession);
      return answer.status === 200 ? undefined : answer;
    }, { timeoutMs: 15_000, intervalMs: 500 });
    expect(expired.status).toBe(401);
    expect(expired.body.errors?.[0]?.message).toMatch(/auditor session rejected: "exp" claim timestamp check failed/);
  });

  it('binds an auditor who signs in at the identity provider to their grant, and refuses one without a grant', async () => {
    const idpToken = await gateway.tokenFor('auditor@certbody.example');
    const none = await call('{ engagements { id } }', {}, idpToken);
    expect(none.status).toBe(403);
    expect(none.body.errors?.[0]?.message).toBe('no active audit grant for auditor@certbody.example');

    await grantFor('auditor@certbody.example', [units.it], inDays(10), engagements.internal);
    const bound = await ok<{ engagements: { id: string }[]; orgUnits: { name: string }[] }>('{ engagements { id } orgUnits { name } }', {}, idpToken);
    expect(bound).toEqual({ engagements: [{ id: engagements.internal }], orgUnits: [{ name: 'IT Operations' }] });

    // A second active grant: the auditor names the one they work under.
    const second = await grantFor('auditor@certbody.example', [units.payments], inDays(10), engagements.stage1);
    const ambiguous = await call('{ engagements { id } }', {}, idpToken);
    expect(ambiguous.status).toBe(403);
    expect(ambiguous.body.errors?.[0]?.message).toMatch(/several active audit grants/);
    const chosen = await call<{ engagements: { id: string }[] }>('{ engagements { id } }', {}, idpToken, { 'x-audit-grant': second });
    expect(chosen.body.data?.engagements).toEqual([{ id: engagements.stage1 }]);
  });
});
