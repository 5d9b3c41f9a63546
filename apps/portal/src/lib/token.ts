/**
 * The subject (`sub`) of an access token: the user id the API records as author, approver or raiser. Read for
 * display only (to say "you" and to hide an action the API would refuse); the API checks the token itself.
 */
export function tokenSubject(accessToken: string | null | undefined): string | null {
  const payload = accessToken?.split('.')[1];
  if (!payload) return null;
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    // The payload is UTF-8 JSON: decode its bytes, not the Latin-1 characters atob gives.
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    return claims && typeof claims === 'object' && 'sub' in claims && typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}
