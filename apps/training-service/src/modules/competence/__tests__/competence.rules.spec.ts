import { Role } from '@iso27001/authz';
import { cleanName, isDay, missingCompetences, recordDatesProblem, recordValidOn, rollUp } from '../competence.rules';
import { recordRefusal } from '../competence.scope';

describe('competence rules', () => {
  it('cleans names and refuses empty or long ones', () => {
    expect(cleanName('  Secure   coding ', 'the name')).toEqual({ value: 'Secure coding' });
    expect(cleanName('   ', 'the name')).toEqual({ problem: 'the name must not be empty' });
    expect(cleanName('x'.repeat(201), 'the name')).toEqual({ problem: 'the name must be at most 200 characters (it has 201)' });
    expect(cleanName('x'.repeat(200), 'the name')).toEqual({ value: 'x'.repeat(200) });
  });

  it('accepts only calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('26-01-01')).toBe(false);
  });

  it('refuses a record obtained in the future or expiring before it was obtained', () => {
    const today = '2026-12-02';
    expect(recordDatesProblem({ obtainedOn: '2026-12-02' }, today)).toBeNull();
    expect(recordDatesProblem({ obtainedOn: '2026-12-03' }, today)).toMatch('is in the future');
    expect(recordDatesProblem({ obtainedOn: '2026-01-10', validUntil: '2026-01-09' }, today)).toBe('validUntil 2026-01-09 is before obtainedOn 2026-01-10');
    expect(recordDatesProblem({ obtainedOn: '2026-01-10', validUntil: '2026-01-10' }, today)).toBeNull();
    expect(recordDatesProblem({ obtainedOn: '2026-01-10', validUntil: '2026-02-31' }, today)).toMatch('is not a day');
  });

  it('counts a record from the day obtained through its last valid day', () => {
    const record = { obtainedOn: '2026-01-10', validUntil: '2026-06-30' };
    expect(['2026-01-09', '2026-01-10', '2026-06-30', '2026-07-01'].map((day) => recordValidOn(record, day))).toEqual([false, true, true, false]);
    expect(recordValidOn({ obtainedOn: '2020-01-01', validUntil: null }, '2099-01-01')).toBe(true);
  });

  it('finds the required competences that no valid record or completed course covers', () => {
    const requirements = new Map([['software engineer', ['coding', 'threats', 'secrets']]]);
    const person = { personId: 'p', active: true, jobRole: ' Software  Engineer' };
    const covered = { records: [{ competenceId: 'threats', obtainedOn: '2026-01-01', validUntil: '2026-03-31' }], completedCompetences: new Set(['secrets']) };
    expect(missingCompetences(person, requirements, covered, '2026-02-01')).toEqual(['coding']);
    expect(missingCompetences(person, requirements, covered, '2026-04-01')).toEqual(['coding', 'threats']);
    expect(missingCompetences({ ...person, active: false }, requirements, covered, '2026-02-01')).toEqual([]);
    expect(missingCompetences({ ...person, jobRole: null }, requirements, covered, '2026-02-01')).toEqual([]);
  });

  it('rolls gaps up to every ancestor unit, and survives a cycle in the hierarchy', () => {
    const units = [
      { unitId: 'root', parentId: null },
      { unitId: 'dept', parentId: 'root' },
      { unitId: 'team', parentId: 'dept' },
      { unitId: 'a', parentId: 'b' },
      { unitId: 'b', parentId: 'a' },
    ];
    const result = rollUp(units, [
      { unitId: 'team', missing: ['x', 'y'] },
      { unitId: 'dept', missing: [] },
      { unitId: 'root', missing: ['x'] },
      { unitId: null, missing: ['x'] },
      { unitId: 'a', missing: ['z'] },
    ]);
    expect(result.get('root')).toEqual({ people: 3, peopleWithGaps: 2, gaps: new Map([['x', 2], ['y', 1]]) });
    expect(result.get('dept')).toEqual({ people: 2, peopleWithGaps: 1, gaps: new Map([['x', 1], ['y', 1]]) });
    expect(result.get('team')).toEqual({ people: 1, peopleWithGaps: 1, gaps: new Map([['x', 1], ['y', 1]]) });
    expect(result.get('b')).toEqual({ people: 1, peopleWithGaps: 1, gaps: new Map([['z', 1]]) });
  });
});

describe('who may record a competence', () => {
  const person = { personId: 'p-1', email: 'dev@example.test', unitId: 'ops' };
  const caller = (roles: Role[], overrides: { personId?: string | null; unitIds?: string[]; email?: string } = {}) => ({
    claims: { email: overrides.email ?? 'someone@example.test', roles },
    access: { personId: overrides.personId ?? null, roles, organisationWide: false, unitIds: overrides.unitIds ?? [] },
  });

  it('lets programme managers record for anyone but themselves', () => {
    expect(recordRefusal(caller([Role.IsmsManager]), person)).toBeNull();
    expect(recordRefusal(caller([Role.Admin]), { ...person, unitId: null })).toBeNull();
    expect(recordRefusal(caller([Role.IsmsManager], { personId: 'p-1' }), person)).toBe('self');
    expect(recordRefusal(caller([Role.IsmsManager], { email: ' DEV@example.test' }), person)).toBe('self');
  });

  it('lets a unit owner record only for the people of their units', () => {
    expect(recordRefusal(caller([Role.ControlOwner], { unitIds: ['ops'] }), person)).toBeNull();
    expect(recordRefusal(caller([Role.RiskOwner], { unitIds: ['fin'] }), person)).toBe('reach');
    expect(recordRefusal(caller([Role.ControlOwner], { unitIds: ['ops'] }), { ...person, unitId: null })).toBe('reach');
    // Units that come with another role (an auditor's grant) do not make the caller a recorder.
    expect(recordRefusal(caller([Role.ExternalAuditor, Role.Employee], { unitIds: ['ops'] }), person)).toBe('reach');
  });
});
