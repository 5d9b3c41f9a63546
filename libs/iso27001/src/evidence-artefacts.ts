/**
 * The evidence artefacts an organisation hands its certification auditor, as listed by the project's seed document
 * (/work/shared/seeds/000_856ee1559e8cf325.txt, "ISO 27001 evidence requirements": the baseline of documentation to
 * provide the auditor). That list has exactly 17 bullets, which are the "17 evidence artefacts" of the issue; they are
 * taken in the seed's order with the seed's wording as titles.
 *
 * The seed has a shorter, earlier list ("Common evidence includes", 12 bullets). It is a subset of these 17 except for
 * two items, "Incident response plans" and "Access logs", which are not evidence artefacts of the clauses but
 * documentation called for by Annex A controls; they are in `REQUIRED_DOCUMENTS` (`DOC-INCIDENT-MANAGEMENT` for
 * A.5.24-A.5.26 and `REC-EVENT-LOGS` for A.8.15), and they are reached through artefact 17 (Annex A control activity
 * evidence), which serves every Annex A control.
 */
import { ANNEX_A } from './annex-a';

export interface EvidenceArtefact {
  /** Stable identifier, `EV-01` … `EV-17`, in the seed's order. */
  readonly id: string;
  readonly title: string;
  /** Clause ids (`4.3`) and Annex A ids (`A.6.3`) the artefact is evidence for. */
  readonly serves: readonly string[];
}

const rows: [title: string, serves: string[]][] = [
  ['ISMS scope', ['4.3']],
  ['Information security policy', ['5.2', 'A.5.1']],
  ['Information security risk assessment process', ['6.1.2']],
  ['Information security risk treatment process', ['6.1.3']],
  ['Statement of Applicability', ['6.1.3']],
  ['Information security objectives', ['6.2']],
  ['Evidence of competence', ['7.2']],
  ['Security awareness training program and results', ['7.3', 'A.6.3']],
  ['Results of information security risk assessment', ['8.2']],
  ['Results of information security risk treatment', ['8.3']],
  ['Evidence of monitoring and measurement of results', ['9.1']],
  ['Documented internal audit process', ['9.2.1', '9.2.2']],
  ['Evidence of audit programs and results', ['9.2.2']],
  ['Evidence of results of management reviews', ['9.3.3']],
  ['Evidence of non-conformities and remediations', ['10.2']],
  ['Evidence of remediation results', ['10.2']],
  ['Annex A control activity evidence', ANNEX_A.map((control) => control.id)],
];

export const EVIDENCE_ARTEFACTS: readonly EvidenceArtefact[] = Object.freeze(
  rows.map(([title, serves], index) => Object.freeze({ id: `EV-${String(index + 1).padStart(2, '0')}`, title, serves: Object.freeze([...serves]) })),
);

const byId = new Map(EVIDENCE_ARTEFACTS.map((artefact) => [artefact.id, artefact]));

export function evidenceArtefact(id: string): EvidenceArtefact | undefined {
  return byId.get(id);
}

/** The evidence artefacts that serve a clause or an Annex A control (`9.2.2`, `A.8.15`). */
export function evidenceArtefactsFor(clauseOrControlId: string): readonly EvidenceArtefact[] {
  return EVIDENCE_ARTEFACTS.filter((artefact) => artefact.serves.includes(clauseOrControlId));
}
