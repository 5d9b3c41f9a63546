/** The fields of a unit the tree needs. */
export interface OrgUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface OrgUnitNode {
  unit: OrgUnit;
  children: OrgUnitNode[];
}

const KIND_ORDER: Record<string, number> = { BUSINESS_UNIT: 0, DEPARTMENT: 1, TEAM: 2 };

function compareUnits(a: OrgUnitNode, b: OrgUnitNode): number {
  const byKind = (KIND_ORDER[a.unit.kind] ?? 9) - (KIND_ORDER[b.unit.kind] ?? 9);
  return byKind !== 0 ? byKind : a.unit.name.localeCompare(b.unit.name);
}

/**
 * Builds the hierarchy from parentId. A unit whose parent is missing from the list is shown as a root rather than
 * dropped, and a parent cycle is broken (each unit appears exactly once) so bad data cannot hang the page.
 */
export function buildOrgUnitTree(units: readonly OrgUnit[]): OrgUnitNode[] {
  const nodes = new Map<string, OrgUnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });

  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.unit.parentId;
    const parent = parentId != null && parentId !== node.unit.id ? nodes.get(parentId) : undefined;
    if (parent && !createsCycle(node.unit.id, parent.unit.id, nodes)) {
      parent.children.push(node);
    } else {
      roots.push(node);
    }
  }

  const sort = (list: OrgUnitNode[]) => {
    list.sort(compareUnits);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** True when following parentIds upward from `parentId` reaches `childId` again. */
function createsCycle(childId: string, parentId: string, nodes: ReadonlyMap<string, OrgUnitNode>): boolean {
  const seen = new Set<string>([childId]);
  let current: string | null | undefined = parentId;
  while (current != null) {
    if (seen.has(current)) return current === childId;
    seen.add(current);
    current = nodes.get(current)?.unit.parentId;
  }
  return false;
}
