/**
 * The documents the platform generates from data it holds, each rendered by the service that owns the data (the
 * `source`, whose origin DOCUMENT_SOURCES gives) and stored as GENERATED evidence mapped to the clauses and controls
 * below. `artefact` is the Stage 1 evidence artefact (libs/iso27001 EVIDENCE_ARTEFACTS) the document is, when it is one.
 */
export type DocumentSource = 'isms' | 'risk' | 'controls' | 'training' | 'audit';

export interface GeneratedDocumentSpec {
  /** The document's name, as its source serves it on `/internal/documents/<name>`. */
  readonly document: string;
  readonly source: DocumentSource;
  readonly title: string;
  readonly artefact: string | null;
  readonly clauses: readonly string[];
  readonly controlIds: readonly string[];
}

const spec = (document: string, source: DocumentSource, title: string, artefact: string | null, clauses: string[], controlIds: string[] = []): GeneratedDocumentSpec =>
  Object.freeze({ document, source, title, artefact, clauses: Object.freeze(clauses), controlIds: Object.freeze(controlIds) });

export const GENERATED_DOCUMENTS: readonly GeneratedDocumentSpec[] = Object.freeze([
  spec('isms-scope', 'isms', 'ISMS scope', 'EV-01', ['4.3']),
  spec('information-security-policy', 'controls', 'Information security policy', 'EV-02', ['5.2'], ['A.5.1']),
  spec('risk-assessment-process', 'risk', 'Information security risk assessment process', 'EV-03', ['6.1.2']),
  spec('risk-treatment-process', 'risk', 'Information security risk treatment process', 'EV-04', ['6.1.3']),
  spec('statement-of-applicability', 'controls', 'Statement of Applicability', 'EV-05', ['6.1.3']),
  spec('information-security-objectives', 'isms', 'Information security objectives', 'EV-06', ['6.2']),
  spec('competence-records', 'training', 'Training and competence records', 'EV-07', ['7.2']),
  spec('awareness-results', 'training', 'Security awareness training programme and results', 'EV-08', ['7.3'], ['A.6.3']),
  spec('risk-assessment-results', 'risk', 'Results of the information security risk assessment', 'EV-09', ['8.2']),
  spec('risk-treatment-plan', 'risk', 'Risk treatment plan and treatment results', 'EV-10', ['6.1.3', '8.3']),
  spec('monitoring-results', 'isms', 'Monitoring and measurement results of the objectives', 'EV-11', ['9.1']),
  spec('audit-programme-results', 'audit', 'Audit programmes and results', 'EV-13', ['9.2.2']),
  spec('management-review-results', 'audit', 'Results of the management review', 'EV-14', ['9.3.3']),
  spec('nonconformities', 'audit', 'Nonconformities and corrective actions', 'EV-15', ['10.2']),
  spec('remediation-results', 'audit', 'Results of remediation', 'EV-16', ['10.2']),
  // Not Stage 1 artefacts of their own, but documents auditors ask for beside them.
  spec('management-commitments', 'isms', 'Leadership and management commitments', null, ['5.1']),
  spec('topic-specific-policies', 'controls', 'Topic-specific information security policies', null, [], ['A.5.1']),
  spec('policy-acknowledgements', 'training', 'Policy acknowledgement report', null, ['7.3'], ['A.5.1']),
]);

const byDocument = new Map(GENERATED_DOCUMENTS.map((entry) => [entry.document, entry]));

export function generatedDocumentSpec(document: string): GeneratedDocumentSpec | undefined {
  return byDocument.get(document);
}

/** The documents generated for a Stage 1 artefact (none for the artefacts that stay manual). */
export function documentsForArtefact(artefactId: string): readonly GeneratedDocumentSpec[] {
  return GENERATED_DOCUMENTS.filter((entry) => entry.artefact === artefactId);
}

/** How long a generated document stays valid (a year: documents are reviewed at least yearly), as `YYYY-MM-DD`. */
export function validUntilOf(effectiveDate: string, days = 365): string {
  const date = new Date(`${effectiveDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The stored file's display name: the document and the day its data is as of. */
export function generatedFileName(document: string, dataAsOf: string): string {
  return `${document}-${dataAsOf.slice(0, 10)}.pdf`;
}

/** Whether a buffer starts like a PDF (the sources render PDF only). */
export function looksLikePdf(head: Buffer): boolean {
  return head.subarray(0, 5).toString('latin1') === '%PDF-';
}
