import { changedFields, distinctIds, newestPerSubject, personFields, personStateOf, unitStateOf } from '../org-replica.rules';

const id = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('organisation replica rules', () => {
  it('stores a person with a trimmed, lower-cased e-mail and no blank job role; an absent external id keeps the stored one', () => {
    const state = personStateOf({ id, email: ' Ann.Lee@Bank.Example ', name: 'Ann Lee', unitId: null, managerId: null, jobRole: '  ', active: true });
    expect(state).toEqual({ email: 'ann.lee@bank.example', name: 'Ann Lee', unitId: null, managerId: null, jobRole: null, externalId: undefined, active: true });
    expect(personStateOf({ id, email: 'a@b.example', name: 'A', unitId: null, managerId: null, jobRole: ' Developer ', active: true, externalId: null })).toMatchObject({
      jobRole: 'Developer',
      externalId: null,
    });
  });

  it('leaves a unit event without `active` (older producers) undecided, so the stored value stays', () => {
    expect(unitStateOf({ id, name: 'Finance', kind: 'DEPARTMENT', parentId: null })).toEqual({ name: 'Finance', kind: 'DEPARTMENT', parentId: null, externalId: undefined, active: undefined });
    expect(unitStateOf({ id, name: 'Finance', kind: 'DEPARTMENT', parentId: null, active: false, externalId: 'HR-7' })).toMatchObject({ active: false, externalId: 'HR-7' });
  });

  it('names the changed fields; a new row changes all of them and the same state changes none', () => {
    const before = { email: 'a@b.example', name: 'A', unitId: id, managerId: null, jobRole: null, externalId: null, active: true };
    expect(changedFields(personFields, null, before)).toEqual([...personFields]);
    expect(changedFields(personFields, before, { ...before })).toEqual([]);
    expect(changedFields(personFields, before, { ...before, unitId: null, active: false })).toEqual(['unitId', 'active']);
  });

  it('turns ids into one distinct, non-empty list', () => {
    expect(distinctIds([id, id.toUpperCase(), null, undefined, ''])).toEqual([id]);
  });
});

describe('newestPerSubject', () => {
  const event = (subject: string, minute: number, label: string) => ({ subject, occurredAt: new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString(), label });

  it('keeps per subject the newest event, the last delivered among equally new ones, in arrival order', () => {
    const events = [event('a', 1, 'a1'), event('b', 5, 'b5'), event('a', 3, 'a3'), event('b', 4, 'b4 (older, late)'), event('c', 2, 'c2'), event('c', 2, 'c2 again')];
    expect(newestPerSubject(events, (e) => e.subject).map((e) => e.label)).toEqual(['b5', 'a3', 'c2 again']);
  });
});
