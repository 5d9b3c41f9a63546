/**
 * The record rule every root field, field resolver and federated reference declares beside its roles: which of the
 * records a permitted role gets. The permission matrix (docs/permissions.md) is generated from these declarations,
 * and a test fails when a field is added without one.
 */
export enum ScopeRule {
  /** Organisation-level data, the same for every permitted caller (the catalogue, the methodology, the scope statement). */
  Organisation = 'organisation',
  /** Records of units: organisation-wide roles get all; others the records of their units (sub-units included) and those they own. */
  Units = 'units',
  /** The caller's own records (their assignments, acknowledgements, tasks); organisation-wide roles get everyone's. */
  Own = 'own',
  /** A field of a record the caller was already allowed to read (a name, a count, a status): no other record comes with it. */
  Parent = 'parent',
  /** The caller themselves (who am I, what may I do). */
  Caller = 'caller',
}

export const SCOPE_RULE_TEXT: Readonly<Record<ScopeRule, string>> = {
  [ScopeRule.Organisation]: 'organisation data: every permitted role reads all of it',
  [ScopeRule.Units]: "unit records: organisation-wide roles all; others their units' (with sub-units) and their own",
  [ScopeRule.Own]: "the caller's own records; organisation-wide roles everyone's",
  [ScopeRule.Parent]: 'a field of a record already allowed: nothing beyond it',
  [ScopeRule.Caller]: 'the caller themselves',
};
