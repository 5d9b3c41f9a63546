import { buildOrgUnitTree, OrgUnit, OrgUnitNode } from '../org-unit-tree.builder';

const unit = (id: string, name: string, kind: string, parentId: string | null = null): OrgUnit => ({ id, name, kind, parentId });

/** The tree as "name(children)" so a test reads like the page. */
function outline(nodes: readonly OrgUnitNode[]): string[] {
  return nodes.map((n) => (n.children.length > 0 ? `${n.unit.name}(${outline(n.children).join(', ')})` : n.unit.name));
}

function allIds(nodes: readonly OrgUnitNode[]): string[] {
  return nodes.flatMap((n) => [n.unit.id, ...allIds(n.children)]);
}

describe('buildOrgUnitTree', () => {
  it('nests units under their parents: business units, then departments, then teams, each by name', () => {
    const tree = buildOrgUnitTree([
      unit('t2', 'Payments team', 'TEAM', 'd1'),
      unit('d2', 'Finance', 'DEPARTMENT', 'b1'),
      unit('d1', 'Engineering', 'DEPARTMENT', 'b1'),
      unit('t1', 'Platform team', 'TEAM', 'd1'),
      unit('b1', 'Acme Group', 'BUSINESS_UNIT'),
    ]);
    expect(outline(tree)).toEqual(['Acme Group(Engineering(Payments team, Platform team), Finance)']);
  });

  it('orders siblings by kind before name, and a kind it does not know after the known ones', () => {
    const tree = buildOrgUnitTree([
      unit('x', 'Alpha committee', 'COMMITTEE'),
      unit('t', 'Alpha team', 'TEAM'),
      unit('d', 'Zulu department', 'DEPARTMENT'),
      unit('b', 'Zulu business', 'BUSINESS_UNIT'),
    ]);
    expect(outline(tree)).toEqual(['Zulu business', 'Zulu department', 'Alpha team', 'Alpha committee']);
  });

  it('shows a unit whose parent is not in the list, or is itself, as a root instead of dropping it', () => {
    const tree = buildOrgUnitTree([unit('d1', 'Engineering', 'DEPARTMENT', 'gone'), unit('t1', 'Platform team', 'TEAM', 'd1'), unit('a', 'Loop', 'DEPARTMENT', 'a')]);
    expect(outline(tree)).toEqual(['Engineering(Platform team)', 'Loop']);
    expect(buildOrgUnitTree([])).toEqual([]);
  });

  it('breaks a parent cycle: it returns, and every unit appears exactly once (units below the cycle stay nested)', () => {
    const units = [
      unit('a', 'A', 'DEPARTMENT', 'c'),
      unit('b', 'B', 'DEPARTMENT', 'a'),
      unit('c', 'C', 'DEPARTMENT', 'b'),
      unit('t', 'Team under A', 'TEAM', 'a'),
    ];
    const tree = buildOrgUnitTree(units);
    expect(allIds(tree).sort()).toEqual(['a', 'b', 'c', 't']);
    expect(outline(tree)).toEqual(['A(Team under A)', 'B', 'C']);
  });
});
