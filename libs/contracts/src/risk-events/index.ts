import { z } from 'zod';
import { defineEvent } from '../envelope';

export const treatmentDecisions = ['MODIFY', 'AVOID', 'TRANSFER', 'ACCEPT'] as const;
export const assetTypes = ['INFORMATION', 'SOFTWARE', 'HARDWARE', 'SERVICE', 'PEOPLE', 'SITE', 'SUPPLIER'] as const;
export const assetClassifications = ['LOW', 'MEDIUM', 'HIGH'] as const;

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
    /** Added later (optional for old events): the risk's unit and assets, and its levels under the methodology. */
    unitId: z.string().uuid().nullable().optional(),
    assetIds: z.array(z.string().uuid()).optional(),
    /** Methodology version of the inherent assessment, and the level it gives. */
    inherentVersion: z.number().int().positive().optional(),
    inherentLevel: z.string().min(1).optional(),
    /** The residual assessment after treatment (null while not assessed) and its methodology version. */
    residualLikelihood: z.number().int().positive().nullable().optional(),
    residualImpact: z.number().int().positive().nullable().optional(),
    residualVersion: z.number().int().positive().nullable().optional(),
    residualLevel: z.string().min(1).nullable().optional(),
    /** Residual level above the appetite of its version and not (yet) accepted by the risk owner. */
    needsAcceptance: z.boolean().optional(),
    /** When and by which person the risk owner accepted the residual risk (null when not accepted). */
    acceptedAt: z.string().datetime({ offset: true }).nullable().optional(),
    acceptedByPersonId: z.string().uuid().nullable().optional(),
    nextReviewOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  }),
});

const assetState = z.object({
  id: z.string().uuid(),
  type: z.enum(assetTypes),
  name: z.string().min(1),
  ownerId: z.string().uuid().nullable(),
  unitId: z.string().uuid().nullable(),
  confidentiality: z.enum(assetClassifications),
  integrity: z.enum(assetClassifications),
  availability: z.enum(assetClassifications),
  riskIds: z.array(z.string().uuid()),
});

export const RiskAssetUpserted = defineEvent({
  type: 'risk.asset.upserted',
  version: 1,
  topic: 'risk.asset.v1',
  description: 'An asset of the inventory was created or changed (including its links to risks); carries its full state for replicas.',
  schema: assetState,
});

export const RiskAssetDeleted = defineEvent({
  type: 'risk.asset.deleted',
  version: 1,
  topic: 'risk.asset.v1',
  description: 'An asset was removed from the inventory; its links to risks are gone (each affected risk also emits risk.risk.upserted).',
  schema: z.object({ id: z.string().uuid(), name: z.string().min(1) }),
});

const scaleLevel = z.object({ value: z.number().int().positive(), label: z.string().min(1), description: z.string() });

export const RiskMethodologyPublished = defineEvent({
  type: 'risk.methodology.published',
  version: 1,
  topic: 'risk.methodology.v1',
  description:
    'A version of the organisation\'s risk methodology (clause 6.1.2: scales, matrix, levels, appetite) was published. ' +
    'It applies to new assessments; risks keep the version they were assessed under until re-assessed.',
  schema: z.object({
    id: z.string().uuid(),
    version: z.number().int().positive(),
    likelihood: z.array(scaleLevel),
    impact: z.array(scaleLevel),
    levels: z.array(z.object({ key: z.string().min(1), label: z.string().min(1), description: z.string(), rank: z.number().int().positive() })),
    /** matrix[i][j]: level key of the i-th likelihood value × the j-th impact value. */
    matrix: z.array(z.array(z.string().min(1))),
    appetite: z.string().min(1),
    publishedAt: z.string().datetime({ offset: true }),
  }),
});

export const riskEvents = [RiskUpserted, RiskAssetUpserted, RiskAssetDeleted, RiskMethodologyPublished] as const;
