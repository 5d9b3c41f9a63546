import { Access, Role } from '@iso27001/authz';
import { assertPlacementInScope, scopeSql, unitChanges } from '../risk.scope';

const PAYMENTS = '11111111-1111-4111-8111-111111111111';
const TREASURY = '22222222-2222-4222-8222-222222222222';
const RAFAEL = '33333333-3333-4333-8333-333333333333';

const owner: Access = { personId: RAFAEL, roles: [Role.RiskOwner], organisationWide: false, unitIds: [PAYMENTS] };
const manager: Access = { personId: null, roles: [Role.IsmsManager], organisationWide: true, unitIds: [] };
const stranger: Access = { personId: null, roles: [Role.RiskOwner], organisationWide: false, unitIds: [] };

const code = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    const { code: thrown, details } = error as { code?: string; details?: Record<string, unknown> };
    return { code: thrown, details };
  }
};

describe('risk scope rules', () => {
  it('filters a list to the caller\'s units and own records, appending its parameters, and not at all for organisation-wide roles', () => {
    const params: unknown[] = ['org'];
    expect(scopeSql(owner, { unit: 'r.unit_id', owner: 'r.owner_id' }, params)).toBe('(r.unit_id = ANY($2::uuid[]) OR r.owner_id = $3::uuid)');
    expect(params).toEqual(['org', [PAYMENTS], RAFAEL]);
    const none: unknown[] = [];
    expect(scopeSql(stranger, { unit: 'unit_id', owner: 'owner_id' }, none)).toBe('(unit_id = ANY($1::uuid[]))');
    expect(none).toEqual([[]]);
    const all: unknown[] = [];
    expect(scopeSql(manager, { unit: 'unit_id', owner: 'owner_id' }, all)).toBeNull();
    expect(all).toEqual([]);
  });

  it('places a record only in the caller\'s units, or without a unit when organisation-wide or owned by the caller, naming the unit field', () => {
    expect(code(() => assertPlacementInScope(owner, { unitId: PAYMENTS, ownerId: null }, 'the new risk'))).toBeNull();
    expect(code(() => assertPlacementInScope(owner, { unitId: TREASURY, ownerId: RAFAEL }, 'the new risk'))).toMatchObject({ code: 'OUT_OF_SCOPE', details: { field: 'unitId' } });
    expect(code(() => assertPlacementInScope(owner, { unitId: null, ownerId: RAFAEL }, 'the new risk'))).toBeNull();
    expect(code(() => assertPlacementInScope(owner, { unitId: null, ownerId: null }, 'the new risk'))).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(code(() => assertPlacementInScope(manager, { unitId: null, ownerId: null }, 'the new risk'))).toBeNull();
    expect(code(() => assertPlacementInScope(manager, { unitId: TREASURY, ownerId: null }, 'the new risk'))).toBeNull();
  });

  it('counts a change of unit only when the unit is given and differs', () => {
    expect(unitChanges(PAYMENTS, undefined)).toBe(false);
    expect(unitChanges(PAYMENTS, PAYMENTS.toUpperCase())).toBe(false);
    expect(unitChanges(PAYMENTS, null)).toBe(true);
    expect(unitChanges(null, null)).toBe(false);
    expect(unitChanges(null, TREASURY)).toBe(true);
  });
});
