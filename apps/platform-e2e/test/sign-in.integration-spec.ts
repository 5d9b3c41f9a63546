import { randomBytes } from 'node:crypto';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { TOOLS_CLIENT, discover, oidcLogin, oidcLogout, oidcRefresh } from '../../../tools/dev/oidc-login';
import { DEMO_ORGANISATION_ID } from '../../gateway/src/oidc/demo-users';
import { startTestGateway, type TestGateway } from './test-gateway';

/**
 * Sign-in through the gateway's embedded OpenID provider (oidc-provider): the real authorization code flow with PKCE
 * through its login page, JWT access tokens the gateway verifies with the provider's keys found by discovery, refresh
 * tokens, RP-initiated logout, and tokens the gateway must refuse.
 */
describe('sign-in with the embedded OpenID provider', () => {
  const secret = randomBytes(32).toString('hex');
  let gateway: TestGateway;
  let shortLived: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ secret, subgraphUrls: {}, maxQueryDepth: 12 });
    // Access tokens of three seconds: the test waits until one is refused, then renews it.
    shortLived = await startTestGateway({ secret, subgraphUrls: {}, maxQueryDepth: 12, accessTokenTtlSeconds: 3 });
  });

  afterAll(async () => {
    await gateway?.stop();
    await shortLived?.stop();
  });

  const origin = (g: TestGateway) => new URL(g.url).origin;
  const me = (g: TestGateway, token: string) => fetch(`${origin(g)}/me`, { headers: { authorization: `Bearer ${token}` } });
  const graphql = (g: TestGateway, token: string) =>
    fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __typename }' }) });

  async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never: ${what}`);
  }

  it('signs a demo user in through the login page and the gateway accepts the JWT access token', async () => {
    const tokens = await oidcLogin({ issuer: gateway.issuer, email: 'risk.owner@demo.example', password: gateway.demoPassword });
    const claims = decodeJwt(tokens.accessToken);
    expect(claims).toMatchObject({ iss: gateway.issuer, aud: 'iso27001-platform', org_id: DEMO_ORGANISATION_ID, roles: ['risk_owner'], email: 'risk.owner@demo.example', name: 'Rafael Ortiz' });
    expect(typeof claims.exp).toBe('number');
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.idToken).toBeTruthy();

    const answer = await me(gateway, tokens.accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ email: 'risk.owner@demo.example', name: 'Rafael Ortiz', roles: ['risk_owner'], organisationId: DEMO_ORGANISATION_ID });
    const query = await graphql(gateway, tokens.accessToken);
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a wrong password, and an unknown person, in words on the login page', async () => {
    await expect(oidcLogin({ issuer: gateway.issuer, email: 'ceo@demo.example', password: `${gateway.demoPassword}x` })).rejects.toThrow(
      /e-mail or the password is not right/,
    );
    await expect(oidcLogin({ issuer: gateway.issuer, email: 'nobody@demo.example', password: gateway.demoPassword })).rejects.toThrow(/not right/);
  });

  it('requires PKCE from every client', async () => {
    const { authorization_endpoint } = await discover(gateway.issuer);
    const authorize = new URL(authorization_endpoint);
    authorize.search = new URLSearchParams({ client_id: TOOLS_CLIENT.clientId, redirect_uri: TOOLS_CLIENT.redirectUri, response_type: 'code', scope: 'openid', state: 's' }).toString();
    const answer = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(answer.headers.get('location') ?? 'http://none/');
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/requires PKCE/);
  });

  it('renews an expired access token with the refresh token, and a used refresh token is refused', async () => {
    const tokens = await oidcLogin({ issuer: shortLived.issuer, email: 'employee@demo.example', password: shortLived.demoPassword });
    expect(tokens.expiresIn).toBe(3);
    await until(async () => (await me(shortLived, tokens.accessToken)).status === 401, 'the short-lived access token expires');
    const refused = await me(shortLived, tokens.accessToken);
    expect(((await refused.json()) as { error: string }).error).toMatch(/exp/);

    const renewed = await oidcRefresh(shortLived.issuer, String(tokens.refreshToken));
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    const answer = await me(shortLived, renewed.accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ email: 'employee@demo.example' });
    // Rotation: the first refresh token was spent.
    await expect(oidcRefresh(shortLived.issuer, String(tokens.refreshToken))).rejects.toThrow(/grant request is invalid|invalid_grant/);
  });

  it('signing out ends the session: its refresh token is refused afterwards', async () => {
    const tokens = await oidcLogin({ issuer: gateway.issuer, email: 'isms.manager@demo.example', password: gateway.demoPassword });
    const stillValid = await oidcRefresh(gateway.issuer, String(tokens.refreshToken));
    await oidcLogout(gateway.issuer, { ...tokens, refreshToken: stillValid.refreshToken });
    await expect(oidcRefresh(gateway.issuer, String(stillValid.refreshToken))).rejects.toThrow(/grant request is invalid|invalid_grant/);
  });

  it('refuses a tampered token, a token signed by another key and a token of another issuer', async () => {
    const { accessToken } = await oidcLogin({ issuer: gateway.issuer, email: 'employee@demo.example', password: gateway.demoPassword });
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const tampered = await me(gateway, `${header}.${promoted}.${signature}`);
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: string }).error).toMatch(/signature verification failed/);

    const { privateKey } = await generateKeyPair('RS256');
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).kid as string;
    const forged = await new SignJWT({ ...claims, roles: ['admin'] }).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    const forgedAnswer = await me(gateway, forged);
    expect(forgedAnswer.status).toBe(401);
    expect(((await forgedAnswer.json()) as { error: string }).error).toMatch(/signature verification failed/);

    // A real token of another provider (the short-lived gateway's): right audience, wrong issuer.
    const foreign = await oidcLogin({ issuer: shortLived.issuer, email: 'admin@demo.example', password: shortLived.demoPassword });
    const foreignAnswer = await graphql(gateway, foreign.accessToken);
    expect(foreignAnswer.status).toBe(401);
    expect(JSON.stringify(await foreignAnswer.json())).toMatch(/token rejected: no applicable key/);
  });

  it('tells the portal where to sign in, at run time', async () => {
    const answer = await fetch(`${origin(gateway)}/portal-config.json`);
    expect(await answer.json()).toEqual({ authority: gateway.issuer, clientId: 'iso27001-portal', scope: 'openid profile email' });
  });
});
