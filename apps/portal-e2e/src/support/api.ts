import { expect, type Page } from '@playwright/test';
import { tokenSource } from '../../../../tools/dev/oidc-login';

/** The demo users' password, as `npm start` printed it (the runner passes the one of the platform it started). */
export function demoPassword(): string {
  const password = process.env['DEMO_PASSWORD'];
  if (!password) throw new Error('set DEMO_PASSWORD to the demo password that `npm start` printed');
  return password;
}

const sources = new Map<string, Promise<(email: string) => Promise<string>>>();

/** Signs demo people in at the provider the gateway names (once per person): the same code flow the portal uses. */
function tokens(gateway: string): Promise<(email: string) => Promise<string>> {
  let source = sources.get(gateway);
  if (!source) {
    source = fetch(`${gateway}/portal-config.json`)
      .then((response) => response.json() as Promise<{ authority: string }>)
      .then(({ authority }) => tokenSource(authority, demoPassword()));
    sources.set(gateway, source);
  }
  return source;
}

/** The gateway the portal talks to, learnt from its first GraphQL request (the journeys run against any platform). */
export function gatewayOf(page: Page): Promise<string> {
  return page.waitForRequest((request) => request.url().endsWith('/graphql')).then((request) => new URL(request.url()).origin);
}

/** Calls the API as a demo person, as the portal does: signed in at the identity provider, then GraphQL with the token. */
export async function api<T>(page: Page, gateway: string, email: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const accessToken = await (await tokens(gateway))(email);
  const response = await page.request.post(`${gateway}/graphql`, { data: { query, variables }, headers: { authorization: `Bearer ${accessToken}` } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors, `API answer to ${query.slice(0, 60)}`).toBeUndefined();
  return body.data as T;
}
