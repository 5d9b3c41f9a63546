/**
 * Pure graph checks for the unit hierarchy (parent) and the reporting line (manager): both must stay trees.
 */

/**
 * Returns the cycle that giving `nodeId` the parent `newParentId` would create (as the path from the node back to
 * itself), or null when the result is still a tree. `parentOf` answers the current parent of any node.
 */
export function cycleIfLinked(nodeId: string, newParentId: string | null, parentOf: (id: string) => string | null | undefined): string[] | null {
  if (newParentId === null) return null;
  const path = [nodeId];
  const seen = new Set<string>([nodeId]);
  let current: string | null | undefined = newParentId;
  while (current) {
    path.push(current);
    if (current === nodeId) return path;
    if (seen.has(current)) return null; // an existing cycle elsewhere is not this link's doing
    seen.add(current);
    current = parentOf(current);
  }
  return null;
}

/**
 * Depth of every node in a forest given by `parentOf`, counted only through nodes in `within` (0 when the parent is
 * outside `within` or absent). Nodes on a cycle are returned in `cyclic`, nodes that
 * hang below a cycle in `blocked`; neither gets a depth. Used to order writes so
 * a parent (or manager) is always written before the rows that point to it.
 */
export function depths(
  within: Iterable<string>,
  parentOf: (id: string) => string | null | undefined,
): { depth: Map<string, number>; cyclic: Set<string>; blocked: Set<string> } {
  const members = new Set(within);
  const depth = new Map<string, number>();
  const cyclic = new Set<string>();
  const blocked = new Set<string>();
  for (const start of members) {
    if (depth.has(start) || cyclic.has(start) || blocked.has(start)) continue;
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: string | null | undefined = start;
    let base = -1;
    while (current && members.has(current)) {
      if (depth.has(current)) {
        base = depth.get(current) as number;
        break;
      }
      if (cyclic.has(current) || blocked.has(current)) {
        base = Number.NaN;
        break;
      }
      if (onChain.has(current)) {
        // everything from `current` on the chain is a cycle; the nodes before it hang off the cycle
        const at = chain.indexOf(current);
        for (const node of chain.slice(at)) cyclic.add(node);
        chain.splice(at);
        base = Number.NaN;
        break;
      }
      chain.push(current);
      onChain.add(current);
      current = parentOf(current);
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const node = chain[i] as string;
      if (Number.isNaN(base)) {
        blocked.add(node);
      } else {
        base += 1;
        depth.set(node, base);
      }
    }
  }
  return { depth, cyclic, blocked };
}

/**
 * The nodes that lie on a cycle, among those reachable upwards from `starts`. Linear: every node is walked once
 * (an import of 20,000 people with a deep reporting line must not walk the line once per person).
 */
export function nodesOnCycles(starts: Iterable<string>, parentOf: (id: string) => string | null | undefined): Set<string> {
  const done = new Set<string>();
  const onCycle = new Set<string>();
  for (const start of starts) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const position = new Map<string, number>();
    let current: string | null | undefined = start;
    while (current && !done.has(current)) {
      const seenAt = position.get(current);
      if (seenAt !== undefined) {
        for (const node of path.slice(seenAt)) onCycle.add(node);
        break;
      }
      position.set(current, path.length);
      path.push(current);
      current = parentOf(current);
    }
    for (const node of path) done.add(node);
  }
  return onCycle;
}
