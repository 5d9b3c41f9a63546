import { createHash } from 'node:crypto';

export interface CertificateFacts {
  assignmentId: string;
  personId: string;
  personName: string;
  courseId: string;
  courseTitle: string;
  courseVersion: number;
  score: number | null;
  completedAt: Date;
}

/**
 * The certificate's verification id: SHA-256 over the facts it states (assignment, person, course, version, score,
 * completion time), so anyone holding the record can recompute it and a certificate whose text was altered no longer
 * matches. Shown as 8 groups of 4 hex digits (the first 128 bits).
 */
export function verificationId(facts: CertificateFacts): string {
  const digest = createHash('sha256')
    .update([facts.assignmentId, facts.personId, facts.courseId, facts.courseVersion, facts.score ?? '', facts.completedAt.toISOString()].join('|'))
    .digest('hex');
  return (digest.slice(0, 32).match(/.{4}/g) ?? []).join('-').toUpperCase();
}
