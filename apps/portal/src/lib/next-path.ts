/**
 * Where a sign-in may send the person back to: only a path of this portal, never another site (`//host`, `/\host`)
 * and never the sign-in pages themselves.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return /^\/(sign-in|signed-out|auth\/)/.test(next) ? '/' : next;
}
