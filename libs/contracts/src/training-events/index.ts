import { z } from 'zod';
import { defineEvent } from '../envelope';

export const AssignmentChanged = defineEvent({
  type: 'training.assignment.changed',
  version: 1,
  topic: 'training.assignment.v1',
  description:
    'A course was assigned to a person, or the assignment was started, completed, became overdue, was exempted or was withdrawn.',
  schema: z.object({
    id: z.string().uuid(),
    courseId: z.string().uuid(),
    personId: z.string().uuid(),
    status: z.enum(['ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'OVERDUE', 'EXEMPT', 'WITHDRAWN']),
    dueOn: z.string().date(),
    completedAt: z.string().datetime({ offset: true }).nullable(),
    /** The campaign that enrolled the person; absent or null for an assignment made by hand. */
    campaignId: z.string().uuid().nullable().optional(),
    /** The best quiz score in percent, once an attempt was made. */
    score: z.number().int().min(0).max(100).nullable().optional(),
  }),
});

export const PolicyAcknowledged = defineEvent({
  type: 'training.policy-acknowledgement.acknowledged',
  version: 1,
  topic: 'training.policy-acknowledgement.v1',
  description: 'A person acknowledged (read and accepted) a published policy version that was in their acknowledgement tasks.',
  schema: z.object({
    id: z.string().uuid(),
    policyId: z.string().uuid(),
    versionId: z.string().uuid(),
    version: z.string().regex(/^\d+\.\d+$/),
    personId: z.string().uuid(),
    acknowledgedAt: z.string().datetime({ offset: true }),
    /**
     * The version in force that the person read and acknowledged (a later minor version of the task's major), and
     * the SHA-256 of its content; absent when the publication carried no content hash.
     */
    acknowledgedVersionId: z.string().uuid().optional(),
    acknowledgedVersion: z.string().regex(/^\d+\.\d+$/).optional(),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  }),
});

export const trainingEvents = [AssignmentChanged, PolicyAcknowledged] as const;
