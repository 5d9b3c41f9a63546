import { fetchGatewayJson } from '../../lib/errors';
import type { SignedInUser } from '../../lib/session.store';

/** A user offered by the gateway's development sign-in (GET /auth/dev/users). */
export interface DevUser {
  email: string;
  name: string;
  roles: string[];
  title: string;
}


/** POST /auth/dev/login answer. */
export interface LoginResponse {
  accessToken: string;
  user: SignedInUser;
}

export async function listDevUsers(signal?: AbortSignal): Promise<DevUser[]> {
  const body = await fetchGatewayJson<{ users?: DevUser[] }>('/auth/dev/users', { signal });
  if (!Array.isArray(body.users)) throw new Error('The gateway answered /auth/dev/users without a "users" list.');
  return body.users;
}

export async function signInAs(email: string): Promise<LoginResponse> {
  const body = await fetchGatewayJson<LoginResponse>('/auth/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  if (typeof body.accessToken !== 'string' || !body.accessToken || !body.user) {
    throw new Error('The gateway answered /auth/dev/login without an access token.');
  }
  return body;
}
