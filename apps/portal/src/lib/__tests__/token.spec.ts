import { tokenSubject } from '../token';

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const token = (claims: unknown) => `${base64url('{"alg":"RS256"}')}.${base64url(JSON.stringify(claims))}.signature`;

describe('tokenSubject', () => {
  it('reads the subject of an access token, whose payload is URL-safe base64 without padding', () => {
    expect(tokenSubject(token({ sub: '3d7e1c2a-0000-4000-8000-000000000001', roles: ['employee'] }))).toBe('3d7e1c2a-0000-4000-8000-000000000001');

    // "???" and ">>>" encode to characters that base64url writes as "_" and "-"; the length needs padding.
    const payload = base64url(JSON.stringify({ sub: 'a???>>>', x: 1 }));
    expect(payload).toMatch(/[-_]/);
    expect(payload.length % 4).not.toBe(0);
    expect(tokenSubject(`h.${payload}.s`)).toBe('a???>>>');
  });

  it('has no subject for no token, a malformed one, or one whose sub is missing or not a string', () => {
    expect(tokenSubject(null)).toBeNull();
    expect(tokenSubject(undefined)).toBeNull();
    expect(tokenSubject('')).toBeNull();
    expect(tokenSubject('not-a-jwt')).toBeNull();
    expect(tokenSubject('h.%%%.s')).toBeNull();
    expect(tokenSubject(`h.${base64url('not json')}.s`)).toBeNull();
    expect(tokenSubject(token({ roles: ['admin'] }))).toBeNull();
    expect(tokenSubject(token({ sub: 42 }))).toBeNull();
    expect(tokenSubject(token(null))).toBeNull();
  });
});

describe('tokenSubject with a non-ASCII user id', () => {
  it('decodes the payload as UTF-8', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'josé' }), 'utf8').toString('base64url');
    expect(tokenSubject(`h.${payload}.s`)).toBe('josé');
  });
});
