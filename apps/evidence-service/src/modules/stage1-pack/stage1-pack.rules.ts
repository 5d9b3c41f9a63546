import { ANNEX_A, EVIDENCE_ARTEFACTS, EvidenceArtefact } from '@iso27001/iso27001';
import { EvidenceStatus } from '../evidence/evidence-item.entity';

/*
 * The Stage 1 checklist: the seed's 17 evidence artefacts, each with a status computed from the evidence items mapped
 * to the clauses and controls it serves. Pure functions: no database.
 *
 * - MISSING: no evidence mapped to it;
 * - ACCEPTED: some mapped evidence is accepted (APPROVED) and still valid today;
 * - DRAFT: evidence is collected (awaiting review, or rejected) but none is accepted and valid;
 * - EXPIRED: all the mapped evidence was accepted once and its validity has ended.
 * EV-17 (Annex A control activity evidence) is ACCEPTED only when every applicable control has accepted, valid
 * evidence; otherwise it takes the status of the controls still lacking it (DRAFT if any has evidence in progress,
 * EXPIRED if theirs expired, MISSING if none of them has any).
 */
export type ArtefactStatus = 'MISSING' | 'DRAFT' | 'ACCEPTED' | 'EXPIRED';

export const CONTROL_ACTIVITY_ARTEFACT = 'EV-17';

export interface PackEvidence {
  id: string;
  status: EvidenceStatus;
  /** `YYYY-MM-DD` or null (no end). */
  validUntil: string | null;
  /** Clause ids and Annex A ids it is mapped to. */
  refs: readonly string[];
}

export function isAcceptedAndFresh(item: Pick<PackEvidence, 'status' | 'validUntil'>, today: string): boolean {
  return item.status === 'APPROVED' && (item.validUntil === null || item.validUntil >= today);
}

/** The status of a set of evidence items for one artefact (or one control). */
export function statusOf(items: readonly Pick<PackEvidence, 'status' | 'validUntil'>[], today: string): ArtefactStatus {
  if (items.length === 0) return 'MISSING';
  if (items.some((item) => isAcceptedAndFresh(item, today))) return 'ACCEPTED';
  if (items.some((item) => item.status === 'COLLECTED' || item.status === 'REJECTED')) return 'DRAFT';
  return 'EXPIRED';
}

export interface ControlCounts {
  applicable: number;
  accepted: number;
  draft: number;
  expired: number;
  missing: number;
}

export interface ChecklistEntry {
  artefact: EvidenceArtefact;
  status: ArtefactStatus;
  /** The evidence mapped to the artefact (for EV-17: to any applicable control). */
  evidence: PackEvidence[];
  /** EV-17 only: how the applicable controls stand. */
  controls: ControlCounts | null;
}

/** The checklist of the 17 artefacts from the evidence in the pack and the applicable Annex A controls. */
export function checklist(items: readonly PackEvidence[], applicableControls: readonly string[], today: string): ChecklistEntry[] {
  return EVIDENCE_ARTEFACTS.map((artefact) => {
    if (artefact.id === CONTROL_ACTIVITY_ARTEFACT) return controlActivity(artefact, items, applicableControls, today);
    const evidence = items.filter((item) => item.refs.some((ref) => artefact.serves.includes(ref)));
    return { artefact, status: statusOf(evidence, today), evidence, controls: null };
  });
}

function controlActivity(artefact: EvidenceArtefact, items: readonly PackEvidence[], applicableControls: readonly string[], today: string): ChecklistEntry {
  const counts: ControlCounts = { applicable: applicableControls.length, accepted: 0, draft: 0, expired: 0, missing: 0 };
  const evidence = new Map<string, PackEvidence>();
  for (const controlId of applicableControls) {
    const own = items.filter((item) => item.refs.includes(controlId));
    for (const item of own) evidence.set(item.id, item);
    const status = statusOf(own, today);
    if (status === 'ACCEPTED') counts.accepted += 1;
    else if (status === 'DRAFT') counts.draft += 1;
    else if (status === 'EXPIRED') counts.expired += 1;
    else counts.missing += 1;
  }
  let status: ArtefactStatus;
  if (counts.applicable > 0 && counts.accepted === counts.applicable) status = 'ACCEPTED';
  else if (counts.draft > 0) status = 'DRAFT';
  else if (counts.expired > 0) status = 'EXPIRED';
  else if (counts.accepted > 0) status = 'DRAFT';
  else status = 'MISSING';
  return { artefact, status, evidence: [...evidence.values()], controls: counts };
}

/** Every Annex A control id: the applicable set when no SoA applicability is known yet. */
export const ALL_CONTROL_IDS: readonly string[] = ANNEX_A.map((control) => control.id);

/** One row of `checklist.csv` (RFC 4180 quoting; a cell starting with = + - @ is prefixed so spreadsheets don't run it). */
export function csvRow(cells: (string | number)[]): string {
  return (
    cells
      .map((cell) => {
        let text = String(cell);
        if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
        return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(',') + '\r\n'
  );
}
