import { ANNEX_A, isAnnexAControlId } from '../annex-a';
import { CLAUSE_REQUIREMENTS, isClauseRequirementId } from '../clauses';
import { EVIDENCE_ARTEFACTS, evidenceArtefactsFor } from '../evidence-artefacts';
import { REQUIRED_DOCUMENTS, requiredDocumentsFor } from '../required-documents';

const resolves = (id: string) => isClauseRequirementId(id) || isAnnexAControlId(id);

describe('required documented information', () => {
  it('has unique ids whose prefix matches the kind, and every serves entry resolves', () => {
    expect(new Set(REQUIRED_DOCUMENTS.map((document) => document.id)).size).toBe(REQUIRED_DOCUMENTS.length);
    for (const document of REQUIRED_DOCUMENTS) {
      expect(document.id.startsWith(document.kind === 'DOCUMENT' ? 'DOC-' : 'REC-')).toBe(true);
      expect(document.serves.length).toBeGreaterThan(0);
      for (const id of document.serves) expect({ id, resolves: resolves(id) }).toEqual({ id, resolves: true });
    }
  });

  it('covers every clause that asks for documented information', () => {
    const leaves = CLAUSE_REQUIREMENTS.filter((requirement) => requirement.requiresDocumentedInformation && !CLAUSE_REQUIREMENTS.some((child) => child.parentId === requirement.id));
    for (const requirement of leaves) {
      expect({ clause: requirement.id, documents: requiredDocumentsFor(requirement.id).length > 0 }).toEqual({ clause: requirement.id, documents: true });
    }
    const clauseDocuments = REQUIRED_DOCUMENTS.filter((document) => !document.fromAnnexA);
    for (const document of clauseDocuments) expect(document.serves.some(isClauseRequirementId)).toBe(true);
  });

  it('names the documents an auditor asks for first', () => {
    expect(requiredDocumentsFor('4.3').map((document) => document.title)).toEqual(['Scope of the ISMS']);
    expect(requiredDocumentsFor('6.1.3').map((document) => document.id)).toEqual(['DOC-RISK-TREATMENT-PROCESS', 'DOC-SOA', 'DOC-RISK-TREATMENT-PLAN']);
    expect(requiredDocumentsFor('10.2')[0]).toMatchObject({ kind: 'RECORD' });
    for (const control of ['A.5.9', 'A.5.10', 'A.5.24', 'A.5.31', 'A.5.37', 'A.6.2', 'A.6.6']) {
      expect({ control, documented: requiredDocumentsFor(control).length > 0 }).toEqual({ control, documented: true });
    }
  });
});

describe('the seed’s evidence artefacts', () => {
  it('are the 17 of the seed’s evidence baseline, with unique ids, each tied to what it serves', () => {
    expect(EVIDENCE_ARTEFACTS).toHaveLength(17);
    expect(EVIDENCE_ARTEFACTS.map((artefact) => artefact.id)).toEqual(Array.from({ length: 17 }, (_, index) => `EV-${String(index + 1).padStart(2, '0')}`));
    for (const artefact of EVIDENCE_ARTEFACTS) {
      expect(artefact.serves.length).toBeGreaterThan(0);
      for (const id of artefact.serves) expect({ id, resolves: resolves(id) }).toEqual({ id, resolves: true });
    }
  });

  it('tie the Statement of Applicability to 6.1.3 and Annex A activity evidence to all 93 controls', () => {
    expect(evidenceArtefactsFor('6.1.3').map((artefact) => artefact.title)).toContain('Statement of Applicability');
    expect(EVIDENCE_ARTEFACTS[16].serves).toEqual(ANNEX_A.map((control) => control.id));
    expect(evidenceArtefactsFor('9.2.2').map((artefact) => artefact.title)).toEqual(['Documented internal audit process', 'Evidence of audit programs and results']);
  });
});
