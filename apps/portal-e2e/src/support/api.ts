import { expect, type Page } from '@playwright/test';

/** The gateway the portal talks to, learnt from its first GraphQL request (the journeys run against any platform). */
export function gatewayOf(page: Page): Promise<string> {
  return page.waitForRequest((request) => request.url().endsWith('/graphql')).then((request) => new URL(request.url()).origin);
}

/** Calls the API as a demo person, as the portal does: a dev sign-in, then GraphQL with the token. */
export async function api<T>(page: Page, gateway: string, email: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const login = await page.request.post(`${gateway}/auth/dev/login`, { data: { email } });
  expect(login.ok(), `dev sign-in of ${email}`).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await page.request.post(`${gateway}/graphql`, { data: { query, variables }, headers: { authorization: `Bearer ${accessToken}` } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  expect(body.errors, `API answer to ${query.slice(0, 60)}`).toBeUndefined();
  return body.data as T;
}
