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

export const policyVersionStatuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'RETIRED'] as const;

export const PolicyPublished = defineEvent({
  type: 'controls.policy.published',
  version: 1,
  topic: 'controls.policy.v1',
  description:
    'A policy version was published (after approval by the role the policy names). Carries the audience, so consumers can open ' +
    'acknowledgement tasks; `major` is true when the major number changed against the previously published version (or on the first publication).',
  schema: z.object({
    policyId: z.string().uuid(),
    versionId: z.string().uuid(),
    /** `major.minor`, e.g. `2.1`. */
    version: z.string().regex(/^\d+\.\d+$/),
    major: z.boolean(),
    title: z.string().min(1),
    /** Everyone in the organisation; when false, people whose unit is in `unitIds` or whose job role is in `jobRoles`. */
    everyone: z.boolean(),
    unitIds: z.array(z.string().uuid()),
    jobRoles: z.array(z.string().min(1)),
    publishedAt: z.string().datetime({ offset: true }),
    /** Date of the next annual review, YYYY-MM-DD. */
    reviewDueOn: z.string().date().optional(),
    /** SHA-256 of the version's content (the file's bytes, or the Markdown as UTF-8): what acknowledgements record. */
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  }),
});

export const SoaVersionPublished = defineEvent({
  type: 'controls.soa.published',
  version: 1,
  topic: 'controls.soa.v1',
  description:
    'A version of the Statement of Applicability was approved and published (a snapshot of all 93 Annex A entries). ' +
    'The latest published version is what auditors see. Subject: the organisation id (one SoA per organisation).',
  schema: z.object({
    number: z.number().int().positive(),
    note: z.string().min(1),
    /** The approved ISMS scope version the SoA was published against. */
    scopeId: z.string().uuid(),
    scopeVersion: z.number().int().positive(),
    approvedBy: z.string().min(1),
    approvedAt: z.string().datetime({ offset: true }),
    applicableControlIds: z.array(z.string().regex(/^A\.\d+\.\d+$/)),
  }),
});

export const controlOperatingStatuses = ['EFFECTIVE', 'EVIDENCE_MISSING', 'EVIDENCE_EXPIRED', 'NONCONFORMING'] as const;

export const ControlOperatingStatusChanged = defineEvent({
  type: 'controls.operating-status.changed',
  version: 1,
  topic: 'controls.operating-status.v1',
  description:
    "A control's operating status changed, derived from its evidence (approved, expired) and open audit nonconformities. " +
    'Subject: the control id.',
  schema: z.object({
    controlId: z.string().regex(/^A\.\d+\.\d+$/),
    status: z.enum(controlOperatingStatuses),
    previousStatus: z.enum(controlOperatingStatuses).nullable(),
    reason: z.string().min(1),
    since: z.string().datetime({ offset: true }),
  }),
});

export const implementationTestFrequencies = ['MONTHLY', 'QUARTERLY', 'SEMI_ANNUALLY', 'ANNUALLY'] as const;

export const ControlImplementationChanged = defineEvent({
  type: 'controls.implementation.changed',
  version: 1,
  topic: 'controls.implementation.v1',
  description: 'How a control is implemented in one organisation unit was created, changed or removed. Subject: the implementation id.',
  schema: z.object({
    id: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/),
    unitId: z.string().uuid(),
    ownerId: z.string().uuid().nullable(),
    status: z.enum(implementationStatuses),
    maturity: z.number().int().min(0).max(5),
    removed: z.boolean(),
  }),
});

export const controlsEvents = [SoaEntryChanged, PolicyPublished, SoaVersionPublished, ControlOperatingStatusChanged, ControlImplementationChanged] as const;
