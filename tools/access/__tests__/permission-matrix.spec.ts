import { SUBGRAPHS } from '../../supergraph/subgraphs';
import { permissionEntries } from '../permission-matrix';

/**
 * Access is declared for every way into a record: a root field names its roles and its record rule, a field
 * resolver and a federated reference their record rule. A field added without them fails here.
 */
describe('permission matrix', () => {
  const entries = permissionEntries(SUBGRAPHS);

  it('covers every subgraph', () => {
    expect(new Set(entries.map((entry) => entry.subgraph))).toEqual(new Set(SUBGRAPHS.map((subgraph) => subgraph.name)));
    expect(entries.filter((entry) => entry.kind === 'query').length).toBeGreaterThan(50);
  });

  it('gives every root field its roles', () => {
    const unguarded = entries.filter((entry) => (entry.kind === 'query' || entry.kind === 'mutation') && (!entry.roles || entry.roles.length === 0));
    expect(unguarded.map((entry) => `${entry.subgraph} ${entry.name}`)).toEqual([]);
  });

  it('gives every root field, field resolver and reference its record rule', () => {
    const undeclared = entries.filter((entry) => !entry.scope);
    expect(undeclared.map((entry) => `${entry.subgraph} ${entry.kind} ${entry.name}`)).toEqual([]);
  });
});
