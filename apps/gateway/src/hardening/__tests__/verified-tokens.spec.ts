import { Claims, Role } from '@iso27001/authz';
import { AuthenticationError, Verifier } from '../../auth/authenticate';
import { cachingVerifier } from '../verified-tokens';

/** A bearer token whose payload says when it expires (the signature is the fake verifier's business). */
const bearer = (exp: number, id = 'a') => `Bearer h.${Buffer.from(JSON.stringify({ exp, id })).toString('base64url')}.s`;

describe('verified tokens reused for a while', () => {
  let clock = 1_000_000_000_000;
  let calls = 0;
  let grantExpiresAt: string | undefined;
  const inner: Verifier = {
    async verify(authorization) {
      calls++;
      if (authorization?.endsWith('.bad')) throw new AuthenticationError('token rejected: signature verification failed');
      return { sub: 's', organisationId: 'o', email: 'e@example.test', name: 'n', roles: [Role.Employee], unitIds: [], groups: [], grantExpiresAt } as Claims;
    },
  };
  beforeEach(() => {
    calls = 0;
    grantExpiresAt = undefined;
  });
  const verifier = () => cachingVerifier(inner, { ttlMs: 60_000, maxEntries: 2, now: () => clock });

  it('verifies a token once within the reuse time, then again', async () => {
    const cached = verifier();
    const token = bearer(clock / 1000 + 3600);
    await cached.verify(token);
    await cached.verify(token);
    expect(calls).toBe(1);
    clock += 61_000;
    await cached.verify(token);
    expect(calls).toBe(2);
  });

  it("never reuses a verification past the token's exp or the audit grant's expiry", async () => {
    const cached = verifier();
    const token = bearer(clock / 1000 + 10, 'short');
    await cached.verify(token);
    clock += 11_000;
    await cached.verify(token);
    expect(calls).toBe(2);
    grantExpiresAt = new Date(clock + 5_000).toISOString();
    const granted = bearer(clock / 1000 + 3600, 'granted');
    await cached.verify(granted);
    clock += 6_000;
    await cached.verify(granted);
    expect(calls).toBe(4);
  });

  it('does not remember refusals, and keeps at most maxEntries tokens', async () => {
    const cached = verifier();
    const bad = `${bearer(clock / 1000 + 3600)}.bad`;
    await expect(cached.verify(bad)).rejects.toThrow(/signature/);
    await expect(cached.verify(bad)).rejects.toThrow(/signature/);
    expect(calls).toBe(2);
    const [a, b, c] = ['a', 'b', 'c'].map((id) => bearer(clock / 1000 + 3600, id)) as [string, string, string];
    for (const token of [a, b, c, a]) await cached.verify(token);
    expect(calls).toBe(2 + 4); // a was evicted by c
  });
});
