import { safeNext } from '../next-path';

describe('where a sign-in sends the person back to', () => {
  it('keeps a path of the portal, with its query', () => {
    expect(safeNext('/risks?unit=payments')).toBe('/risks?unit=payments');
    expect(safeNext('/')).toBe('/');
  });

  it('never another site', () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '']) expect(safeNext(next)).toBe('/');
  });

  it('never the sign-in pages, and nothing that is not a string', () => {
    for (const next of ['/sign-in?next=/risks', '/signed-out', '/auth/callback?code=x', null, 42, { path: '/risks' }]) expect(safeNext(next)).toBe('/');
  });
});
