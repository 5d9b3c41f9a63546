import { withoutKeys } from '../audit-trail.mapper';

describe('withoutKeys', () => {
  it('leaves out the named keys at any depth, in objects and lists, and keeps everything else', () => {
    const recorded = { name: 'Carl', externalId: 'HR-2', manager: { name: 'Bea', externalId: 'HR-1' }, history: [{ returnComment: 'x', version: 1 }], count: 3 };
    expect(withoutKeys(recorded, new Set(['externalId', 'returnComment']))).toEqual({ name: 'Carl', manager: { name: 'Bea' }, history: [{ version: 1 }], count: 3 });
    expect(withoutKeys(recorded, new Set())).toEqual(recorded);
    expect(withoutKeys(null, new Set(['a']))).toBeNull();
    expect(withoutKeys('text', new Set(['a']))).toBe('text');
  });
});
