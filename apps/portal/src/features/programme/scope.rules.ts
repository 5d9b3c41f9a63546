/** Pure helpers of the scope screens: what approving a draft changes. */

export interface ScopeContent {
  statement: string;
  inScopeUnits: readonly { id: string; name: string }[];
  locations: readonly string[];
  systems: readonly string[];
  interfaces: readonly string[];
  exclusions: readonly { item: string; justification: string }[];
}

export interface ScopeChanges {
  statementChanged: boolean;
  unitsAdded: string[];
  unitsRemoved: string[];
  locationsAdded: string[];
  locationsRemoved: string[];
  systemsAdded: string[];
  systemsRemoved: string[];
  interfacesAdded: string[];
  interfacesRemoved: string[];
  exclusionsAdded: string[];
  exclusionsRemoved: string[];
  /** Exclusions kept whose justification changed. */
  exclusionsRejustified: string[];
  none: boolean;
}

const added = (next: readonly string[], previous: readonly string[]) => next.filter((item) => !previous.includes(item));

/** What approving `draft` changes compared with the scope in force (everything is new when none is in force). */
export function scopeChanges(draft: ScopeContent, inForce: ScopeContent | null): ScopeChanges {
  const before: ScopeContent = inForce ?? { statement: '', inScopeUnits: [], locations: [], systems: [], interfaces: [], exclusions: [] };
  const draftUnits = draft.inScopeUnits.filter((u) => !before.inScopeUnits.some((b) => b.id === u.id)).map((u) => u.name);
  const removedUnits = before.inScopeUnits.filter((u) => !draft.inScopeUnits.some((d) => d.id === u.id)).map((u) => u.name);
  const items = (scope: ScopeContent) => scope.exclusions.map((e) => e.item);
  const rejustified = draft.exclusions
    .filter((e) => before.exclusions.some((b) => b.item === e.item && b.justification !== e.justification))
    .map((e) => e.item);
  const changes = {
    statementChanged: draft.statement.trim() !== before.statement.trim(),
    unitsAdded: draftUnits,
    unitsRemoved: removedUnits,
    locationsAdded: added(draft.locations, before.locations),
    locationsRemoved: added(before.locations, draft.locations),
    systemsAdded: added(draft.systems, before.systems),
    systemsRemoved: added(before.systems, draft.systems),
    interfacesAdded: added(draft.interfaces, before.interfaces),
    interfacesRemoved: added(before.interfaces, draft.interfaces),
    exclusionsAdded: added(items(draft), items(before)),
    exclusionsRemoved: added(items(before), items(draft)),
    exclusionsRejustified: rejustified,
  };
  const none = !changes.statementChanged && Object.entries(changes).every(([key, value]) => key === 'statementChanged' || (value as string[]).length === 0);
  return { ...changes, none };
}
