import { ScopeContent, scopeChanges } from '../scope.rules';

const scope = (overrides: Partial<ScopeContent> = {}): ScopeContent => ({
  statement: 'The ISMS covers the payments platform.',
  inScopeUnits: [{ id: 'u1', name: 'Engineering' }],
  locations: ['London'],
  systems: ['Payments API'],
  interfaces: ['Card processor'],
  exclusions: [{ item: 'A.7.4', justification: 'No premises of our own' }],
  ...overrides,
});

describe('scopeChanges', () => {
  it('reports no change for the same scope, nor for whitespace around the statement', () => {
    const changes = scopeChanges(scope({ statement: '  The ISMS covers the payments platform.\n' }), scope());
    expect(changes.none).toBe(true);
    expect(changes.statementChanged).toBe(false);
  });

  it('lists what approving the draft adds and removes', () => {
    const draft = scope({
      statement: 'The ISMS covers payments and support.',
      inScopeUnits: [{ id: 'u2', name: 'Support' }],
      locations: ['London', 'Lisbon'],
      systems: [],
      exclusions: [],
    });
    expect(scopeChanges(draft, scope())).toEqual({
      statementChanged: true,
      unitsAdded: ['Support'],
      unitsRemoved: ['Engineering'],
      locationsAdded: ['Lisbon'],
      locationsRemoved: [],
      systemsAdded: [],
      systemsRemoved: ['Payments API'],
      interfacesAdded: [],
      interfacesRemoved: [],
      exclusionsAdded: [],
      exclusionsRemoved: ['A.7.4'],
      exclusionsRejustified: [],
      none: false,
    });
  });

  it('matches units by id, so a renamed unit is no change, and notices a kept exclusion with a new justification', () => {
    const changes = scopeChanges(scope({ inScopeUnits: [{ id: 'u1', name: 'Product engineering' }], exclusions: [{ item: 'A.7.4', justification: 'Offices are shared and run by the landlord' }] }), scope());
    expect(changes.unitsAdded).toEqual([]);
    expect(changes.unitsRemoved).toEqual([]);
    expect(changes.exclusionsRejustified).toEqual(['A.7.4']);
    expect(changes.none).toBe(false);
  });

  it('treats everything as new when no scope is in force', () => {
    const changes = scopeChanges(scope(), null);
    expect(changes).toMatchObject({
      statementChanged: true,
      unitsAdded: ['Engineering'],
      locationsAdded: ['London'],
      systemsAdded: ['Payments API'],
      interfacesAdded: ['Card processor'],
      exclusionsAdded: ['A.7.4'],
      none: false,
    });
  });
});
