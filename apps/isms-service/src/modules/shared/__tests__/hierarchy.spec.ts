import { cycleIfLinked, depths, nodesOnCycles } from '../hierarchy';
import { isCalendarDate } from '../calendar-date';

const tree = (parents: Record<string, string | null>) => (id: string) => parents[id];

describe('cycle detection', () => {
  const parents = { bank: null, retail: 'bank', payments: 'retail', cards: 'payments', hr: 'bank' };

  it('allows moves that keep a tree', () => {
    expect(cycleIfLinked('payments', 'hr', tree(parents))).toBeNull();
    expect(cycleIfLinked('payments', null, tree(parents))).toBeNull();
  });

  it('finds the cycle when a unit is moved under its own descendant, and names the path', () => {
    expect(cycleIfLinked('retail', 'cards', tree(parents))).toEqual(['retail', 'cards', 'payments', 'retail']);
  });

  it('finds a unit linked to itself', () => {
    expect(cycleIfLinked('hr', 'hr', tree(parents))).toEqual(['hr', 'hr']);
  });

  it('orders a forest by depth and reports members of cycles and what hangs below them', () => {
    const { depth, cyclic, blocked } = depths(['a', 'b', 'c', 'x', 'y', 'z'], tree({ a: null, b: 'a', c: 'b', x: 'y', y: 'x', z: 'x' }));
    expect([depth.get('a'), depth.get('b'), depth.get('c')]).toEqual([0, 1, 2]);
    expect([...cyclic].sort()).toEqual(['x', 'y']);
    expect([...blocked]).toEqual(['z']);
  });

  it('counts depth only inside the given set', () => {
    const { depth } = depths(['c'], tree({ a: null, b: 'a', c: 'b' }));
    expect(depth.get('c')).toBe(0);
  });
});

describe('calendar dates', () => {
  it('accepts real days written YYYY-MM-DD only', () => {
    expect(isCalendarDate('2025-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
    expect(isCalendarDate('2025-02-28T00:00:00Z')).toBe(false);
  });
});

describe('nodes on cycles', () => {
  it('finds the members of every cycle reachable from the starts, not the nodes that merely lead into one', () => {
    const parents = tree({ a: 'b', b: 'c', c: 'a', d: 'a', e: null, f: 'f' });
    expect([...nodesOnCycles(['d', 'e', 'f'], parents)].sort()).toEqual(['a', 'b', 'c', 'f']);
  });

  it('handles a 20,000-deep reporting line (no cycle, no stack overflow)', () => {
    const n = 20_000;
    expect(nodesOnCycles(Array.from({ length: n }, (_, i) => `p${i}`), (id) => { const i = Number(id.slice(1)); return i + 1 < n ? `p${i + 1}` : null; }).size).toBe(0);
  });
});
