import path from 'node:path';
import { controls } from '../../controls-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { gatewayConfigSchema } from '../../gateway/src/config';
import { RunningGateway, startGateway } from '../../gateway/src/gateway';
import { createLogger } from '@iso27001/platform';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testSecret, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { keycloakLogin, LocalKeycloak, startKeycloak } from '../../../tools/dev/keycloak';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface MyAccess {
  myAccess: { roles: string[]; organisationWide: boolean; unitCount: number; units: { name: string }[] };
}

const MY_ACCESS = '{ myAccess { roles organisationWide unitCount units { name } } }';

/** How the realm's groups map to the platform's organisation-wide roles (unit-scoped roles are given in the product). */
const GROUP_ROLES = '/iso27001/platform-admins=admin,/iso27001/isms-managers=isms_manager,/iso27001/employees=employee';

/**
 * Production points the gateway at any OpenID provider; this proves it against a real Keycloak with the committed
 * realm (infra/keycloak): users sign in on Keycloak's own login form (authorization code + PKCE), the gateway finds
 * Keycloak's keys through discovery, maps the realm's groups to platform roles, and the services give the groups'
 * role assignments their units.
 */
describe('sign-in through Keycloak', () => {
  const prefix = uniqueTopicPrefix('keycloak');
  const secret = testSecret();
  let keycloak: LocalKeycloak;
  let ismsService: TestSubgraph<never>;
  let controlsService: TestSubgraph<never>;
  let gateway: RunningGateway;
  const tokens = new Map<string, string>();

  /** An access token of a realm user, signed in once on Keycloak's login form. */
  async function tokenOf(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const { accessToken } = await keycloakLogin(keycloak.issuer, username);
    tokens.set(username, accessToken);
    return accessToken;
  }

  async function call<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Body<T> }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Body<T> };
  }

  async function ok<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await call<T>(await tokenOf(username), query, variables);
    if (body.errors?.length) throw new Error(`${username}: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  beforeAll(async () => {
    [keycloak, ismsService, controlsService] = (await Promise.all([
      startKeycloak(),
      ...[isms, controls].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })),
    ])) as [LocalKeycloak, TestSubgraph<never>, TestSubgraph<never>];
    const closed = 'http://127.0.0.1:9/graphql';
    const config = gatewayConfigSchema.parse({
      PORT: '0',
      SUPERGRAPH_PATH: path.resolve(__dirname, '../../../supergraph/supergraph.graphql'),
      SUBGRAPH_URLS: `isms=${ismsService.url},controls=${controlsService.url},risk=${closed},training=${closed},evidence=${closed},audit=${closed}`,
      CLAIMS_SECRET: secret,
      // Keycloak only: no embedded provider, the issuer's keys are found through its discovery document.
      EMBEDDED_OIDC: 'false',
      // The rate limit would need a database of its own; gateway-hardening.integration-spec.ts proves it.
      RATE_LIMIT_REQUESTS: '0',
      OIDC_ISSUER: keycloak.issuer,
      OIDC_GROUP_ROLES: GROUP_ROLES,
      CORS_ORIGINS: '',
      LOG_LEVEL: 'silent',
    });
    gateway = await startGateway(config, createLogger('gateway', 'silent'));
  }, 240_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([ismsService, controlsService].map((service) => service?.close()));
    await deleteTopicsWithPrefix(prefix);
    await keycloak?.stop();
  });

  it("gives the roles the user's groups map to, and those of the roles claim", async () => {
    expect((await ok<MyAccess>('iris', MY_ACCESS)).myAccess).toEqual({ roles: expect.arrayContaining(['ISMS_MANAGER', 'EMPLOYEE']), organisationWide: true, unitCount: 0, units: [] });
    expect((await ok<MyAccess>('alex', MY_ACCESS)).myAccess).toMatchObject({ roles: ['ADMIN'], organisationWide: true });
    expect((await ok<MyAccess>('emma', MY_ACCESS)).myAccess).toEqual({ roles: ['EMPLOYEE'], organisationWide: false, unitCount: 0, units: [] });
    // Ines is in no group: her realm role internal_auditor arrives in the roles claim (Keycloak's own roles are dropped).
    expect((await ok<MyAccess>('ines', MY_ACCESS)).myAccess).toMatchObject({ roles: ['INTERNAL_AUDITOR'], organisationWide: true });
    // The role gates behind the gateway apply to the mapped roles: an employee may not read the unit tree's programme data.
    const refused = await call(await tokenOf('emma'), '{ roleAssignments { totalCount } }');
    expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('refuses a user whose groups map to no role, a wrong password, and an ID token instead of an access token', async () => {
    const visitor = await call(await tokenOf('victor'), MY_ACCESS);
    expect(visitor.status).toBe(401);
    expect(visitor.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/no platform role.*\/visitors.*OIDC_GROUP_ROLES/) });

    await expect(keycloakLogin(keycloak.issuer, 'iris', 'not-her-password')).rejects.toThrow(/sign-in of iris refused/);

    // The ID token is meant for the portal (aud iso27001-portal), not for the API.
    const { idToken } = await keycloakLogin(keycloak.issuer, 'iris');
    const wrongAudience = await call(idToken ?? '', MY_ACCESS);
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.body.errors?.[0]?.message).toMatch(/token rejected: .*aud/);
  });

  it("gives a group's role assignment its unit, in isms-service at once and in controls-service once replicated", async () => {
    const unit = async (name: string, kind: string, parentId: string | null): Promise<string> =>
      (await ok<{ createOrgUnit: { id: string } }>('iris', 'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind, parentId } })).createOrgUnit.id;
    const retail = await unit('Retail Banking', 'BUSINESS_UNIT', null);
    const payments = await unit('Payments', 'DEPARTMENT', retail);
    await unit('Cards', 'TEAM', payments);
    const corporate = await unit('Corporate Functions', 'BUSINESS_UNIT', null);
    const it = await unit('IT Operations', 'DEPARTMENT', corporate);

    // Before: Rafael and Chen are employees only, and controls-service refuses Chen the implementations.
    expect((await ok<MyAccess>('rafael', MY_ACCESS)).myAccess).toEqual({ roles: ['EMPLOYEE'], organisationWide: false, unitCount: 0, units: [] });
    const before = await call(await tokenOf('chen'), '{ controlImplementations { id } }');
    expect(before.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // The administrator (signed in through Keycloak too) gives the realm's groups their unit-scoped roles.
    const ASSIGN = 'mutation($input: AssignRoleInput!) { assignRole(input: $input) { group role unit { name } } }';
    expect((await ok<{ assignRole: unknown }>('alex', ASSIGN, { input: { group: '/iso27001/risk-owners-payments', role: 'RISK_OWNER', unitId: payments } })).assignRole).toEqual({
      group: '/iso27001/risk-owners-payments',
      role: 'RISK_OWNER',
      unit: { name: 'Payments' },
    });
    await ok('alex', ASSIGN, { input: { group: '/iso27001/control-owners-it-operations', role: 'CONTROL_OWNER', unitId: it } });

    // Rafael's token is unchanged: his Keycloak groups now reach Payments and its team.
    expect((await ok<MyAccess>('rafael', MY_ACCESS)).myAccess).toEqual({ roles: ['EMPLOYEE', 'RISK_OWNER'], organisationWide: false, unitCount: 2, units: [{ name: 'Payments' }] });
    expect((await ok<{ orgUnits: { name: string }[] }>('rafael', '{ orgUnits { name } }')).orgUnits.map((u) => u.name).sort()).toEqual(['Cards', 'Payments']);
    expect((await ok<MyAccess>('chen', MY_ACCESS)).myAccess).toMatchObject({ roles: ['EMPLOYEE', 'CONTROL_OWNER'], units: [{ name: 'IT Operations' }] });
    // Emma's groups name no assignment: nothing changes for her.
    expect((await ok<MyAccess>('emma', MY_ACCESS)).myAccess).toMatchObject({ roles: ['EMPLOYEE'], unitCount: 0 });

    await eventually('controls-service lets Chen read implementations as the control owner of IT Operations', async () => {
      const after = await call(await tokenOf('chen'), '{ controlImplementations { id } }');
      return after.body.errors === undefined;
    });
  });
});
