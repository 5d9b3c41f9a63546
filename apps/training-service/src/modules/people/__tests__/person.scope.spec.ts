import { Access, Role } from '@iso27001/authz';
import { traineeFilter } from '../person.scope';

const OPERATIONS = '11111111-1111-4111-8111-111111111111';
const ME = '33333333-3333-4333-8333-333333333333';

const access = (roles: Role[], organisationWide = false): Access => ({ personId: ME, roles, organisationWide, unitIds: [OPERATIONS] });

describe('whose training records a caller sees', () => {
  it('gives organisation-wide roles everyone, unit-reaching roles their units and themselves, employees only themselves', () => {
    expect(traineeFilter(access([Role.IsmsManager], true))).toBeNull();
    expect(traineeFilter(access([Role.ControlOwner]))).toEqual({ unitIds: [OPERATIONS], personId: ME });
    expect(traineeFilter(access([Role.ExternalAuditor]))).toEqual({ unitIds: [OPERATIONS], personId: ME });
    // The units of an employee's token do not widen what they see.
    expect(traineeFilter(access([Role.Employee]))).toEqual({ unitIds: [], personId: ME });
    expect(traineeFilter({ personId: null, roles: [Role.Employee], organisationWide: false, unitIds: [] })).toEqual({ unitIds: [], personId: null });
  });
});
