import { EVIDENCE_ARTEFACTS } from '@iso27001/iso27001';
import { NO_MAPPINGS, toEvidenceItemType } from '../evidence/evidence-item.mapper';
import { GenerationResult } from '../documents/generated-document.service';
import { documentsForArtefact } from '../documents/generated-document.rules';
import { Stage1Pack } from './stage1-pack.service';
import { Stage1ArtefactStatusType, Stage1GenerationOutcomeType, Stage1GenerationType, Stage1PackType } from './stage1-pack.type';

export function toStage1PackType(pack: Stage1Pack): Stage1PackType {
  return {
    scopeVersionId: pack.scope.scopeId,
    scopeVersion: pack.scope.version,
    approvedAt: pack.scope.approvedAt,
    asOf: pack.asOf,
    applicabilityKnown: pack.applicabilityKnown,
    acceptedCount: pack.entries.filter((entry) => entry.status === 'ACCEPTED').length,
    items: pack.entries.map((entry) => {
      const documents = documentsForArtefact(entry.artefact.id).map((spec) => spec.document);
      return {
        artefactId: entry.artefact.id,
        title: entry.artefact.title,
        serves: [...entry.artefact.serves],
        status: entry.status as Stage1ArtefactStatusType,
        generated: documents.length > 0,
        documents,
        evidence: entry.evidence.flatMap((evidence) => {
          const item = pack.items.get(evidence.id);
          return item ? [toEvidenceItemType(item, pack.mappings.get(item.id) ?? NO_MAPPINGS)] : [];
        }),
        controls: entry.controls ? { ...entry.controls } : null,
      };
    }),
  };
}

export function toStage1GenerationType(results: GenerationResult[]): Stage1GenerationType {
  const generated = new Set(results.filter((result) => result.artefact && result.outcome !== 'NO_DATA' && result.outcome !== 'FAILED').map((result) => result.artefact as string));
  return {
    documents: results.map((result) => ({
      document: result.document,
      artefactId: result.artefact,
      outcome: result.outcome as Stage1GenerationOutcomeType,
      evidenceId: result.evidenceId,
      versionNumber: result.versionNumber,
      sha256: result.sha256,
      errorCode: result.error?.code ?? null,
      errorMessage: result.error?.message ?? null,
    })),
    generatedArtefacts: [...generated].sort(),
    manualArtefacts: EVIDENCE_ARTEFACTS.map((artefact) => artefact.id).filter((id) => !generated.has(id)),
  };
}
