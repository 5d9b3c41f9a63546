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

export const evidenceRequestStatuses = ['OPEN', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'CANCELLED'] as const;

export const EvidenceRequestChanged = defineEvent({
  type: 'evidence.request.changed',
  version: 1,
  topic: 'evidence.request.v1',
  description:
    'An evidence request was opened to the owner of a control in a department, re-assigned, submitted, sent back for changes, accepted or cancelled. Carries its full current state. Subject: the request id.',
  schema: z.object({
    id: z.string().uuid(),
    requirementId: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/),
    unitId: z.string().uuid(),
    /** The person asked for the evidence (the implementation's owner in the unit), or null while the unit has none. */
    assigneeId: z.string().uuid().nullable(),
    status: z.enum(evidenceRequestStatuses),
    dueDate: z.string().date(),
    /** The period the evidence must cover (a periodic requirement: the month, quarter or year; ONCE: from opening, open-ended). */
    periodStart: z.string().date(),
    periodEnd: z.string().date().nullable(),
    /** Evidence items submitted with the request (ids of evidence items of the same unit). */
    evidenceIds: z.array(z.string().uuid()),
  }),
});

export const evidenceEvents = [EvidenceItemChanged, EvidenceRequestChanged] as const;
