import { z } from 'zod';
import { defineEvent } from '../envelope';

export const EvidenceItemChanged = defineEvent({
  type: 'evidence.item.changed',
  version: 1,
  topic: 'evidence.item.v1',
  description: 'Evidence for a control was collected, approved, rejected or expired.',
  schema: z.object({
    id: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/).nullable(),
    /** Added later (optional): the clause of the standard the evidence supports, e.g. "7.2". */
    clause: z.string().min(1).nullable().optional(),
    status: z.enum(['COLLECTED', 'APPROVED', 'REJECTED', 'EXPIRED']),
    validUntil: z.string().date().nullable(),
  }),
});

export const evidenceEvents = [EvidenceItemChanged] as const;
