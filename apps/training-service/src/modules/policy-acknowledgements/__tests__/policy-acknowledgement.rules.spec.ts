import { inAudience, majorOf, personChangeMayJoinAudience, rate, unitChangeMayJoinAudience } from '../policy-acknowledgement.rules';

const unitA = 'aaaaaaaa-0000-4000-8000-000000000000';
const unitB = 'bbbbbbbb-0000-4000-8000-000000000000';
const division = 'cccccccc-0000-4000-8000-000000000000';

describe('policy audience matching', () => {
  const person = { active: true, unitId: unitA, jobRole: '  Software   Engineer ' };

  it('matches everyone, a direct unit, or a job role ignoring case and spacing', () => {
    expect(inAudience(person, { everyone: true, unitIds: [], jobRoles: [] })).toBe(true);
    expect(inAudience(person, { everyone: false, unitIds: [unitA.toUpperCase()], jobRoles: [] })).toBe(true);
    expect(inAudience(person, { everyone: false, unitIds: [unitB], jobRoles: ['software engineer'] })).toBe(true);
  });

  it('matches a person of a sub-unit through their unit path, and not through a unit below theirs', () => {
    const audience = { everyone: false, unitIds: [division], jobRoles: [] };
    expect(inAudience(person, audience)).toBe(false);
    expect(inAudience(person, audience, [unitA, division.toUpperCase()])).toBe(true);
    expect(inAudience({ ...person, unitId: division }, { ...audience, unitIds: [unitA] }, [division])).toBe(false);
    expect(inAudience({ ...person, active: false }, audience, [unitA, division])).toBe(false);
  });

  it('leaves out other units and roles, people without unit or role, and inactive people', () => {
    expect(inAudience(person, { everyone: false, unitIds: [unitB], jobRoles: ['Engineer'] })).toBe(false);
    expect(inAudience({ active: true, unitId: null, jobRole: null }, { everyone: false, unitIds: [unitB], jobRoles: ['Engineer'] })).toBe(false);
    expect(inAudience({ ...person, active: false }, { everyone: true, unitIds: [], jobRoles: [] })).toBe(false);
  });
});

describe('replica changes that may widen an audience', () => {
  it('are new or reactivated people and moves of unit or job role, never a rename or an inactive person', () => {
    expect(personChangeMayJoinAudience({ before: null, after: { active: true }, changed: ['name'] })).toBe(true);
    expect(personChangeMayJoinAudience({ before: {}, after: { active: true }, changed: ['unitId'] })).toBe(true);
    expect(personChangeMayJoinAudience({ before: {}, after: { active: true }, changed: ['jobRole', 'name'] })).toBe(true);
    expect(personChangeMayJoinAudience({ before: {}, after: { active: true }, changed: ['active'] })).toBe(true);
    expect(personChangeMayJoinAudience({ before: {}, after: { active: true }, changed: ['name', 'email'] })).toBe(false);
    expect(personChangeMayJoinAudience({ before: null, after: { active: false }, changed: ['active'] })).toBe(false);
  });

  it('are new units and units that moved to another parent', () => {
    expect(unitChangeMayJoinAudience({ before: null, changed: ['name'] })).toBe(true);
    expect(unitChangeMayJoinAudience({ before: {}, changed: ['parentId'] })).toBe(true);
    expect(unitChangeMayJoinAudience({ before: {}, changed: ['name', 'active'] })).toBe(false);
  });
});

describe('acknowledgement figures', () => {
  it('reads the major number and computes rates with nothing to rate as 0', () => {
    expect(majorOf('12.3')).toBe(12);
    expect(() => majorOf('v1')).toThrow('not a major.minor version');
    expect(rate({ total: 0, acknowledged: 0 })).toBe(0);
    expect(rate({ total: 3, acknowledged: 1 })).toBe(0.3333);
    expect(rate({ total: 4, acknowledged: 4 })).toBe(1);
  });
});
