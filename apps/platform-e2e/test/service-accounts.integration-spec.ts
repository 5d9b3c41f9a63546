import { randomBytes } from 'node:crypto';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../isms-service/src/subgraph';
import { startTestGateway, TestGateway } from './test-gateway';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const CREATE = `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { token account { id name roles unitIds tokenPrefix status lastUsedAt units { name } } } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Service accounts: hashed API tokens with roles, units, expiry, last use and revocation, through the real gateway. */
describe('service accounts', () => {
  const prefix = uniqueTopicPrefix('svcacct');
  const secret = randomBytes(32).toString('hex');
  let ismsService: TestSubgraph<never>;
  let gateway: TestGateway;
  let adminToken: string;
  let units: { corporate: string; it: string; desk: string };

  async function call<T>(query: string, variables: Record<string, unknown>, token: string): Promise<{ status: number; body: Body<T> }> {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as Body<T> };
  }

  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token = adminToken): Promise<T> {
    const { body } = await call<T>(query, variables, token);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function create(name: string, extra: Record<string, unknown> = {}) {
    return (
      await ok<{ createServiceAccount: { token: string; account: { id: string; tokenPrefix: string; roles: string[]; units: { name: string }[] } } }>(CREATE, {
        i: { name, description: 'Evidence collector of the SIEM team', roles: ['SERVICE_ACCOUNT'], unitIds: [units.it], expiresAt: inDays(90), ...extra },
      })
    ).createServiceAccount;
  }

  beforeAll(async () => {
    ismsService = (await startTestSubgraph(isms as never, { topicPrefix: prefix, secret })) as TestSubgraph<never>;
    gateway = await startTestGateway({ secret, subgraphUrls: { isms: ismsService.url }, maxQueryDepth: 8 });
    adminToken = await gateway.tokenFor('admin@demo.example');
    const manager = await gateway.tokenFor('isms.manager@demo.example');
    const unit = async (name: string, kind: string, parentId: string | null) =>
      (await ok<{ createOrgUnit: { id: string } }>('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind, parentId } }, manager)).createOrgUnit.id;
    const corporate = await unit('Corporate', 'BUSINESS_UNIT', null);
    const it = await unit('IT Operations', 'DEPARTMENT', corporate);
    const desk = await unit('Service desk', 'TEAM', it);
    units = { corporate, it, desk };
  });

  afterAll(async () => {
    await gateway?.stop();
    await ismsService?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses a service account that is not sound, with the reason, and only administrators make one', async () => {
    const refused = async (changes: Record<string, unknown>, code: string, token = adminToken) => {
      const { body } = await call(CREATE, { i: { name: 'Bad', description: 'x', roles: ['SERVICE_ACCOUNT'], unitIds: [units.it], expiresAt: inDays(10), ...changes } }, token);
      expect(body.errors?.[0]?.extensions?.['code']).toBe(code);
      return body.errors?.[0]?.message ?? '';
    };
    expect(await refused({ roles: ['ADMIN'] }, 'SERVICE_ACCOUNT_ROLE_NOT_ALLOWED')).toMatch(/cannot act as admin/);
    expect(await refused({ roles: ['EXTERNAL_AUDITOR'] }, 'SERVICE_ACCOUNT_ROLE_NOT_ALLOWED')).toMatch(/external_auditor/);
    expect(await refused({ unitIds: ['9b1c2d3e-4f50-4a61-8b72-9c83d4e5f601'] }, 'SERVICE_ACCOUNT_UNIT_UNKNOWN')).toMatch(/unknown or inactive unit/);
    expect(await refused({ expiresAt: inDays(-1) }, 'SERVICE_ACCOUNT_EXPIRY_INVALID')).toMatch(/not in the future/);
    expect(await refused({ expiresAt: inDays(500) }, 'SERVICE_ACCOUNT_EXPIRY_INVALID')).toMatch(/more than a year/);
    expect(await refused({}, 'FORBIDDEN', await gateway.tokenFor('isms.manager@demo.example'))).toBeTruthy();
    const [row] = await ismsService.deps.dataSource.query('SELECT count(*)::int AS n FROM service_account');
    expect(row.n).toBe(0);
  });

  it('acts with its roles over its units only, records its last use, and stores nothing but the hash', async () => {
    const { token, account } = await create('SIEM collector');
    expect(token).toMatch(/^iso_sa_[A-Za-z0-9_-]{43}$/);
    expect(account).toMatchObject({ roles: ['SERVICE_ACCOUNT'], units: [{ name: 'IT Operations' }], tokenPrefix: token.slice(0, 13) });

    const seen = await ok<{ orgUnits: { name: string }[]; myAccess: { roles: string[]; unitCount: number } }>('{ orgUnits { name } myAccess { roles unitCount } }', {}, token);
    expect(seen.orgUnits.map((unit) => unit.name).sort()).toEqual(['IT Operations', 'Service desk']);
    expect(seen.myAccess).toEqual({ roles: ['SERVICE_ACCOUNT'], unitCount: 2 });
    const write = await call('mutation { createOrgUnit(input: { name: "X", kind: TEAM }) { id } }', {}, token);
    expect(write.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const listed = await ok<{ serviceAccounts: { id: string; lastUsedAt: string | null; status: string }[] }>('{ serviceAccounts { id lastUsedAt status } }');
    expect(listed.serviceAccounts.find((a) => a.id === account.id)).toMatchObject({ status: 'ACTIVE', lastUsedAt: expect.any(String) });

    const secretPart = token.slice('iso_sa_'.length);
    const [stored] = await ismsService.deps.dataSource.query(
      `SELECT (SELECT count(*) FROM service_account s WHERE row_to_json(s)::text LIKE '%' || $1 || '%')::int AS accounts,
              (SELECT count(*) FROM audit_trail t WHERE row_to_json(t)::text LIKE '%' || $1 || '%')::int AS trail`,
      [secretPart],
    );
    expect(stored).toEqual({ accounts: 0, trail: 0 });
  });

  it('refuses a rotated-away, revoked or expired token from the next request', async () => {
    const { token, account } = await create('CI pipeline');
    expect((await call('{ orgUnits { id } }', {}, token)).status).toBe(200);
    const rotated = await ok<{ rotateServiceAccountToken: { token: string } }>('mutation($id: ID!) { rotateServiceAccountToken(id: $id) { token } }', { id: account.id });
    const old = await call('{ orgUnits { id } }', {}, token);
    expect(old.status).toBe(401);
    expect(old.body.errors?.[0]?.message).toBe('token rejected: unknown service account token (rotated away, or never issued)');
    const fresh = rotated.rotateServiceAccountToken.token;
    expect((await call('{ orgUnits { id } }', {}, fresh)).status).toBe(200);

    await ok('mutation($id: ID!) { revokeServiceAccount(id: $id) { status } }', { id: account.id });
    const revoked = await call('{ orgUnits { id } }', {}, fresh);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0]?.message).toBe('token rejected: the service account "CI pipeline" is revoked');

    const short = await create('Short-lived', { expiresAt: new Date(Date.now() + 2_000).toISOString() });
    expect((await call('{ orgUnits { id } }', {}, short.token)).status).toBe(200);
    const expired = await eventually('the token expires', async () => {
      const answer = await call('{ orgUnits { id } }', {}, short.token);
      return answer.status === 200 ? undefined : answer;
    }, { timeoutMs: 15_000, intervalMs: 500 });
    expect(expired.body.errors?.[0]?.message).toBe('token rejected: the service account "Short-lived" is expired');
    expect((await call('{ orgUnits { id } }', {}, `iso_sa_${'A'.repeat(43)}`)).status).toBe(401);
  });
});
