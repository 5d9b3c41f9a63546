import type { ControlOperatingStatusCode, ControlTheme, GapStatus, ImplementationStatus, SoaDiffField, SoaExportFormat, SoaReason } from '../../gql/graphql';

export const REASON_LABELS: Record<SoaReason, string> = {
  RISK_TREATMENT: 'Risk treatment',
  LEGAL: 'Legal or regulatory requirement',
  CONTRACTUAL: 'Contractual obligation',
  BUSINESS: 'Business requirement',
};

/** Reasons a person chooses; risk treatment follows from the risks' treatment decisions. */
export const MANUAL_REASONS: readonly SoaReason[] = ['LEGAL', 'CONTRACTUAL', 'BUSINESS'];

export const THEME_LABELS: Record<ControlTheme, string> = {
  ORGANIZATIONAL: 'Organisational (A.5)',
  PEOPLE: 'People (A.6)',
  PHYSICAL: 'Physical (A.7)',
  TECHNOLOGICAL: 'Technological (A.8)',
};

export const IMPLEMENTATION_LABELS: Record<ImplementationStatus, string> = {
  NOT_STARTED: 'Not started',
  PLANNED: 'Planned',
  PARTIALLY_IMPLEMENTED: 'Partially implemented',
  IMPLEMENTED: 'Implemented',
};

export const IMPLEMENTATION_COLOURS: Record<ImplementationStatus, string> = {
  NOT_STARTED: 'gray',
  PLANNED: 'blue',
  PARTIALLY_IMPLEMENTED: 'yellow',
  IMPLEMENTED: 'green',
};

export const OPERATING_LABELS: Record<ControlOperatingStatusCode, string> = {
  EFFECTIVE: 'Effective',
  EVIDENCE_MISSING: 'Evidence missing',
  EVIDENCE_EXPIRED: 'Evidence expired',
  NONCONFORMING: 'Nonconforming',
};

export const OPERATING_COLOURS: Record<ControlOperatingStatusCode, string> = {
  EFFECTIVE: 'green',
  EVIDENCE_MISSING: 'orange',
  EVIDENCE_EXPIRED: 'orange',
  NONCONFORMING: 'red',
};

export const DIFF_FIELD_LABELS: Record<SoaDiffField, string> = {
  APPLICABILITY: 'Applicability',
  REASONS: 'Reasons for inclusion',
  JUSTIFICATION: 'Justification',
  IMPLEMENTATION_STATUS: 'Implementation status',
  OWNERS: 'Owners',
  RISKS: 'Risks',
  POLICIES: 'Policies',
  EVIDENCE: 'Evidence',
};

export const GAP_STATUS_LABELS: Record<GapStatus, string> = {
  NOT_IN_PLACE: 'Not in place',
  PARTIAL: 'Partially in place',
  LARGELY: 'Largely in place',
  FULLY: 'Fully in place',
};

export const GAP_STATUS_COLOURS: Record<GapStatus, string> = {
  NOT_IN_PLACE: 'red',
  PARTIAL: 'orange',
  LARGELY: 'yellow',
  FULLY: 'green',
};

export const EXPORT_FORMATS: { value: SoaExportFormat; label: string }[] = [
  { value: 'XLSX', label: 'Excel workbook (XLSX)' },
  { value: 'PDF', label: 'PDF document' },
  { value: 'CSV', label: 'CSV (comma-separated)' },
  { value: 'OSCAL_PROFILE', label: 'OSCAL profile (JSON)' },
  { value: 'OSCAL_COMPONENT_DEFINITION', label: 'OSCAL component definition (JSON)' },
  { value: 'OSCAL_CATALOG', label: 'OSCAL Annex A catalog (JSON)' },
];

/** "A.5.15 Access control": how a control is named everywhere. */
export function controlName(control: { id: string; title: string }): string {
  return `${control.id} ${control.title}`;
}

/** Catalogue order of Annex A ids ("A.5.9" before "A.5.10"). */
export function compareControlIds(a: string, b: string): number {
  const parts = (id: string) => id.replace(/^A\./, '').split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
