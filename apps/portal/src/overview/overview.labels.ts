import type { ControlTheme, OrgUnitKind, RiskTreatment } from './programme-overview.types';

const KIND: Record<OrgUnitKind, string> = { BUSINESS_UNIT: 'Business unit', DEPARTMENT: 'Department', TEAM: 'Team' };
const TREATMENT: Record<RiskTreatment, string> = {
  MODIFY: 'Modify',
  AVOID: 'Avoid',
  TRANSFER: 'Transfer',
  ACCEPT: 'Accept',
};
const THEME: Record<ControlTheme, string> = {
  ORGANIZATIONAL: 'Organizational',
  PEOPLE: 'People',
  PHYSICAL: 'Physical',
  TECHNOLOGICAL: 'Technological',
};
const REASON: Record<string, string> = {
  RISK_TREATMENT: 'Risk treatment',
  LEGAL: 'Legal',
  CONTRACTUAL: 'Contractual',
  BUSINESS: 'Business',
};

/** "SOME_VALUE" -> "Some value", for enum values this portal does not know yet. */
function humanise(value: string): string {
  const words = value.replace(/_+/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const orgUnitKindLabel = (kind: string): string => KIND[kind as OrgUnitKind] ?? humanise(kind);
export const treatmentLabel = (t: string): string => TREATMENT[t as RiskTreatment] ?? humanise(t);
export const themeLabel = (theme: string): string => THEME[theme as ControlTheme] ?? humanise(theme);
export const reasonLabel = (reason: string): string => REASON[reason] ?? humanise(reason);

/** Orders Annex A ids naturally: A.5.2 before A.5.10, A.8.1 after A.7.14. */
export function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
