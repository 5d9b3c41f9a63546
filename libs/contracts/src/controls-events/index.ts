import { z } from 'zod';
import { defineEvent } from '../envelope';

export const soaReasons = ['RISK_TREATMENT', 'LEGAL', 'CONTRACTUAL', 'BUSINESS'] as const;

export const implementationStatuses = ['NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'] as const;

export const SoaEntryChanged = defineEvent({
  type: 'controls.soa-entry.changed',
  version: 1,
  topic: 'controls.soa-entry.v1',
  description: 'An Annex A control changed applicability, reasons or owner in the Statement of Applicability.',
  schema: z.object({
    controlId: z.string().regex(/^A\.\d+\.\d+$/),
    applicable: z.boolean(),
    reasons: z.array(z.enum(soaReasons)),
    riskIds: z.array(z.string().uuid()),
    justification: z.string().nullable(),
    ownerId: z.string().uuid().nullable(),
    /** Added after v1 was first published: optional, so older events still parse. */
    implementationStatus: z.enum(implementationStatuses).optional(),
  }),
});

export const controlsEvents = [SoaEntryChanged] as const;
