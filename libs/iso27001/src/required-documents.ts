/**
 * The documented information ISO/IEC 27001:2022 asks for: what clauses 4 to 10 require to be maintained (a DOCUMENT)
 * or retained as evidence (a RECORD), and what the Annex A controls call for in writing when they are applicable.
 * Titles are our own short names; `serves` lists the clause ids (see `CLAUSE_REQUIREMENTS`) and Annex A ids (see
 * `ANNEX_A`) each one satisfies.
 */
export type RequiredDocumentKind = 'DOCUMENT' | 'RECORD';

export interface RequiredDocument {
  /** Stable identifier, `DOC-…` for documents and `REC-…` for records. */
  readonly id: string;
  readonly title: string;
  readonly kind: RequiredDocumentKind;
  /** Clause ids (`4.3`) and Annex A ids (`A.5.9`) the documented information serves. */
  readonly serves: readonly string[];
  /** True for documented information that only becomes required when the Annex A controls it serves are applicable. */
  readonly fromAnnexA: boolean;
}

type Row = [id: string, title: string, kind: RequiredDocumentKind, serves: string[]];

// Required by the clauses themselves, whatever controls the Statement of Applicability selects.
const clauseRows: Row[] = [
  ['DOC-ISMS-SCOPE', 'Scope of the ISMS', 'DOCUMENT', ['4.3']],
  ['DOC-IS-POLICY', 'Information security policy', 'DOCUMENT', ['5.2', 'A.5.1']],
  ['DOC-RISK-ASSESSMENT-PROCESS', 'Information security risk assessment process (method and criteria)', 'DOCUMENT', ['6.1.2']],
  ['DOC-RISK-TREATMENT-PROCESS', 'Information security risk treatment process', 'DOCUMENT', ['6.1.3']],
  ['DOC-SOA', 'Statement of Applicability', 'DOCUMENT', ['6.1.3']],
  ['DOC-RISK-TREATMENT-PLAN', 'Information security risk treatment plan', 'DOCUMENT', ['6.1.3', '8.3']],
  ['DOC-IS-OBJECTIVES', 'Information security objectives', 'DOCUMENT', ['6.2']],
  ['REC-COMPETENCE', 'Evidence of competence', 'RECORD', ['7.2']],
  ['DOC-DETERMINED-NECESSARY', 'Documented information the organisation determined necessary for the ISMS', 'DOCUMENT', ['7.5.1']],
  ['REC-OPERATIONAL-CONTROL', 'Evidence that operational processes were carried out as planned', 'RECORD', ['8.1']],
  ['REC-RISK-ASSESSMENT-RESULTS', 'Results of information security risk assessments', 'RECORD', ['8.2']],
  ['REC-RISK-TREATMENT-RESULTS', 'Results of information security risk treatment', 'RECORD', ['8.3']],
  ['REC-MONITORING-RESULTS', 'Monitoring and measurement results', 'RECORD', ['9.1']],
  ['REC-AUDIT-PROGRAMME', 'Internal audit programme(s) and audit results', 'RECORD', ['9.2.2']],
  ['REC-MANAGEMENT-REVIEW', 'Results of management reviews', 'RECORD', ['9.3.3']],
  ['REC-NONCONFORMITIES', 'Nonconformities, actions taken and results of corrective actions', 'RECORD', ['10.2']],
];

// Called for by Annex A controls (when applicable): the control asks for rules, procedures, plans, agreements or
// records to be written down, kept, or signed.
const annexARows: Row[] = [
  ['DOC-TOPIC-POLICIES', 'Topic-specific information security policies', 'DOCUMENT', ['A.5.1']],
  ['DOC-ROLES-RESPONSIBILITIES', 'Information security roles and responsibilities', 'DOCUMENT', ['A.5.2', '5.3']],
  ['DOC-ASSET-INVENTORY', 'Inventory of information and other associated assets, with owners', 'DOCUMENT', ['A.5.9']],
  ['DOC-ACCEPTABLE-USE', 'Rules for acceptable use and handling of information and assets', 'DOCUMENT', ['A.5.10']],
  ['DOC-CLASSIFICATION-SCHEME', 'Information classification scheme and labelling procedure', 'DOCUMENT', ['A.5.12', 'A.5.13']],
  ['DOC-INFORMATION-TRANSFER', 'Information transfer rules, procedures and agreements', 'DOCUMENT', ['A.5.14']],
  ['DOC-ACCESS-CONTROL-POLICY', 'Access control rules (topic-specific policy)', 'DOCUMENT', ['A.5.15', 'A.5.18']],
  ['DOC-SUPPLIER-SECURITY', 'Supplier security requirements and agreements', 'DOCUMENT', ['A.5.19', 'A.5.20', 'A.5.21']],
  ['DOC-CLOUD-SERVICES', 'Processes for acquiring, using, managing and exiting cloud services', 'DOCUMENT', ['A.5.23']],
  ['DOC-INCIDENT-MANAGEMENT', 'Incident management process, roles and responsibilities', 'DOCUMENT', ['A.5.24', 'A.5.25', 'A.5.26']],
  ['REC-INCIDENTS', 'Records of information security events and incidents and lessons learned', 'RECORD', ['A.5.25', 'A.5.26', 'A.5.27', 'A.5.28', 'A.6.8']],
  ['DOC-CONTINUITY-PLANS', 'Information security continuity and ICT readiness plans', 'DOCUMENT', ['A.5.29', 'A.5.30']],
  ['DOC-LEGAL-REQUIREMENTS', 'Register of legal, statutory, regulatory and contractual requirements', 'DOCUMENT', ['A.5.31', 'A.5.32', 'A.5.34']],
  ['DOC-OPERATING-PROCEDURES', 'Documented operating procedures', 'DOCUMENT', ['A.5.37']],
  ['DOC-EMPLOYMENT-TERMS', 'Security responsibilities in terms and conditions of employment', 'DOCUMENT', ['A.6.2', 'A.6.5']],
  ['REC-CONFIDENTIALITY-AGREEMENTS', 'Signed confidentiality or non-disclosure agreements', 'RECORD', ['A.6.6']],
  ['REC-SCREENING', 'Records of background verification checks', 'RECORD', ['A.6.1']],
  ['DOC-SECURE-CONFIGURATIONS', 'Secure configuration baselines', 'DOCUMENT', ['A.8.9']],
  ['REC-EVENT-LOGS', 'Event logs of user activities, exceptions, faults and events', 'RECORD', ['A.8.15']],
  ['DOC-SECURE-ENGINEERING-PRINCIPLES', 'Secure system engineering principles', 'DOCUMENT', ['A.8.27']],
  ['DOC-CHANGE-MANAGEMENT', 'Change management procedure', 'DOCUMENT', ['A.8.32']],
];

function freeze(rows: Row[], fromAnnexA: boolean): RequiredDocument[] {
  return rows.map(([id, title, kind, serves]) => Object.freeze({ id, title, kind, serves: Object.freeze([...serves]), fromAnnexA }));
}

export const REQUIRED_DOCUMENTS: readonly RequiredDocument[] = Object.freeze([...freeze(clauseRows, false), ...freeze(annexARows, true)]);

const byId = new Map(REQUIRED_DOCUMENTS.map((document) => [document.id, document]));

export function requiredDocument(id: string): RequiredDocument | undefined {
  return byId.get(id);
}

/** The required documented information that serves a clause or an Annex A control (`9.2.2`, `A.5.9`). */
export function requiredDocumentsFor(clauseOrControlId: string): readonly RequiredDocument[] {
  return REQUIRED_DOCUMENTS.filter((document) => document.serves.includes(clauseOrControlId));
}
