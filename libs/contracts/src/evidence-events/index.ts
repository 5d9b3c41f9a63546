import { z } from 'zod';
import { defineEvent } from '../envelope';

export const EvidenceItemChanged = defineEvent({
  type: 'evidence.item.changed',
  version: 1,
  topic: 'evidence.item.v1',
  description:
    'Evidence was collected (a first or a newer version), approved, rejected, expired or re-mapped. Carries the full current state: every control and clause it is mapped to, so a consumer replaces what it held for the item.',
  schema: z.object({
    id: z.string().uuid(),
    /** The first of `controlIds` (or null), for consumers that read one control per item. */
    controlId: z.string().regex(/^A\.\d+\.\d+$/).nullable(),
    /** Added later (optional): the clause of the standard the evidence supports, e.g. "7.2" (the first of `clauses`). */
    clause: z.string().min(1).nullable().optional(),
    /** The status of the item's current version: a newer version awaiting review makes it COLLECTED again. */
    status: z.enum(['COLLECTED', 'APPROVED', 'REJECTED', 'EXPIRED']),
    validUntil: z.string().date().nullable(),
    /** Added later (optional): every Annex A control the item is mapped to; when present it supersedes `controlId`. */
    controlIds: z.array(z.string().regex(/^A\.\d+\.\d+$/)).optional(),
    /** Added later (optional): every clause requirement the item is mapped to (e.g. "9.2.2"). */
    clauses: z.array(z.string().min(1)).optional(),
    /** Added later (optional): the organisation unit (department) the evidence belongs to. */
    unitId: z.string().uuid().nullable().optional(),
    /** Added later (optional): how the evidence came in. */
    source: z.enum(['MANUAL', 'COLLECTOR', 'GENERATED']).optional(),
    /** Added later (optional): the number of the item's current version (1, 2, …). */
    versionNumber: z.number().int().min(1).optional(),
  }),
});

export const evidenceEvents = [EvidenceItemChanged] as const;
