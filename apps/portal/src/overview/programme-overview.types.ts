// Hand-written result types for ProgrammeOverview (programme-overview.query.ts).
// To be replaced by types generated from the committed supergraph once codegen is wired up.

export type OrgUnitKind = 'BUSINESS_UNIT' | 'DEPARTMENT' | 'TEAM';
export type RiskTreatment = 'MODIFY' | 'AVOID' | 'TRANSFER' | 'ACCEPT';
export type ControlTheme = 'ORGANIZATIONAL' | 'PEOPLE' | 'PHYSICAL' | 'TECHNOLOGICAL';
/** Known values: RISK_TREATMENT, LEGAL, CONTRACTUAL, BUSINESS. Kept open: the schema types it as String. */
export type SoaReason = string;

export interface OrgUnit {
  id: string;
  name: string;
  kind: OrgUnitKind;
  parentId: string | null;
}

export interface PersonUnit {
  id: string;
  name: string;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  jobRole: string | null;
  unit: PersonUnit | null;
}

export interface PersonConnection {
  totalCount: number;
  nodes: Person[];
}

export interface RiskOwner {
  id: string;
  name: string;
  email: string;
}

export interface RiskControl {
  id: string;
  title: string;
}

export interface Risk {
  id: string;
  title: string;
  treatment: RiskTreatment | null;
  inherentLikelihood: number;
  inherentImpact: number;
  owner: RiskOwner | null;
  controls: RiskControl[];
}

export interface SoaControl {
  id: string;
  title: string;
  theme: ControlTheme;
}

export interface SoaEntry {
  control: SoaControl;
  applicable: boolean;
  reasons: SoaReason[];
  justification: string | null;
  riskIds: string[];
}

export interface ProgrammeOverviewQuery {
  orgUnits: OrgUnit[];
  people: PersonConnection;
  risks: Risk[];
  statementOfApplicability: SoaEntry[];
}

export type ProgrammeOverviewVariables = Record<string, never>;
