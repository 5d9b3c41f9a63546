import { OperatingStatus } from './operating-status.entity';

export interface EvidenceFact {
  evidenceId: string;
  status: 'COLLECTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
  validUntil: string | null;
}

export interface FindingFact {
  findingId: string;
  severity: 'MAJOR_NONCONFORMITY' | 'MINOR_NONCONFORMITY' | 'OBSERVATION' | 'OPPORTUNITY';
  status: 'OPEN' | 'CLOSED';
}

export interface OperatingVerdict {
  status: OperatingStatus;
  reason: string;
}

const NONCONFORMITIES = new Set(['MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY']);

function list(ids: string[]): string {
  return [...ids].sort().join(', ');
}

/**
 * A control's operating status from what is known about it, in order of severity:
 * an open major/minor nonconformity -> NONCONFORMING; else approved evidence still valid on `today` -> EFFECTIVE;
 * else expired evidence (expired, or approved but past its validity) -> EVIDENCE_EXPIRED; else EVIDENCE_MISSING.
 */
export function operatingVerdict(evidence: EvidenceFact[], findings: FindingFact[], today: string): OperatingVerdict {
  const open = findings.filter((finding) => finding.status === 'OPEN' && NONCONFORMITIES.has(finding.severity));
  if (open.length > 0) {
    const majors = open.filter((finding) => finding.severity === 'MAJOR_NONCONFORMITY');
    const kind = majors.length > 0 ? 'major' : 'minor';
    return { status: 'NONCONFORMING', reason: `open ${kind} nonconformity: finding ${list(open.map((finding) => finding.findingId))}` };
  }
  const approved = evidence.filter((item) => item.status === 'APPROVED');
  const valid = approved.filter((item) => item.validUntil === null || item.validUntil >= today);
  if (valid.length > 0) {
    return { status: 'EFFECTIVE', reason: `approved evidence: ${list(valid.map((item) => item.evidenceId))}` };
  }
  const expired = [...evidence.filter((item) => item.status === 'EXPIRED'), ...approved];
  if (expired.length > 0) {
    return { status: 'EVIDENCE_EXPIRED', reason: `evidence expired: ${list(expired.map((item) => item.evidenceId))}` };
  }
  const pending = evidence.filter((item) => item.status === 'COLLECTED');
  return {
    status: 'EVIDENCE_MISSING',
    reason: pending.length > 0 ? `no approved evidence (awaiting review: ${list(pending.map((item) => item.evidenceId))})` : 'no approved evidence',
  };
}

/** What a control shows before any evidence or finding event named it. */
export const NO_EVIDENCE_YET: OperatingVerdict = Object.freeze({ status: 'EVIDENCE_MISSING', reason: 'no approved evidence' });
