import { z } from 'zod';
import { defineEvent } from '../envelope';

export const treatmentDecisions = ['MODIFY', 'AVOID', 'TRANSFER', 'ACCEPT'] as const;

export const RiskUpserted = defineEvent({
  type: 'risk.risk.upserted',
  version: 1,
  topic: 'risk.risk.v1',
  description:
    'A risk was created, re-assessed or treated. Carries the full set of linked Annex A controls, so a consumer ' +
    'sees links removed as well as added.',
  schema: z.object({
    id: z.string().uuid(),
    title: z.string().min(1),
    ownerId: z.string().uuid().nullable(),
    treatment: z.enum(treatmentDecisions).nullable(),
    controlIds: z.array(z.string().regex(/^A\.\d+\.\d+$/)),
    inherentLikelihood: z.number().int().positive(),
    inherentImpact: z.number().int().positive(),
    status: z.enum(['OPEN', 'CLOSED']),
  }),
});

export const riskEvents = [RiskUpserted] as const;
