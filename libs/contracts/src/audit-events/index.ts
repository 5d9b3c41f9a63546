import { z } from 'zod';
import { defineEvent } from '../envelope';

export const FindingRaised = defineEvent({
  type: 'audit.finding.raised',
  version: 1,
  topic: 'audit.finding.v1',
  description: 'An audit finding (nonconformity, observation or opportunity) was raised against a control or clause.',
  schema: z.object({
    id: z.string().uuid(),
    engagementId: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/).nullable(),
    /** Added later (optional): the clause of the standard the finding is against, e.g. "9.2". */
    clause: z.string().min(1).nullable().optional(),
    severity: z.enum(['MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY', 'OBSERVATION', 'OPPORTUNITY']),
    status: z.enum(['OPEN', 'CLOSED']),
  }),
});

export const correctiveActionStatuses = ['OPEN', 'PLANNED', 'IMPLEMENTED', 'EFFECTIVE', 'NOT_EFFECTIVE'] as const;

export const FindingChanged = defineEvent({
  type: 'audit.finding.changed',
  version: 1,
  topic: 'audit.finding.v1',
  description:
    'An audit finding changed after it was raised: closed by an auditor (a nonconformity only once its corrective action was found effective). ' +
    'Carries the full current state, as audit.finding.raised does. Subject: the finding id.',
  schema: z.object({
    id: z.string().uuid(),
    engagementId: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/).nullable(),
    clause: z.string().min(1).nullable(),
    severity: z.enum(['MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY', 'OBSERVATION', 'OPPORTUNITY']),
    status: z.enum(['OPEN', 'CLOSED']),
    /** When it was closed (ISO timestamp), or null while open. */
    closedAt: z.string().datetime({ offset: true }).nullable(),
  }),
});

export const CorrectiveActionChanged = defineEvent({
  type: 'audit.corrective-action.changed',
  version: 1,
  topic: 'audit.corrective-action.v1',
  description:
    'A corrective action of a nonconformity was opened, planned, implemented, or its effectiveness was checked. Carries its full current state. Subject: the corrective action id.',
  schema: z.object({
    id: z.string().uuid(),
    findingId: z.string().uuid(),
    controlId: z.string().regex(/^A\.\d+\.\d+$/).nullable(),
    /** The person who owns the action (an isms-service Person id), or null until one is named. */
    ownerId: z.string().uuid().nullable(),
    status: z.enum(correctiveActionStatuses),
    dueOn: z.string().date(),
    /** Evidence items (evidence-service) that show the action was done. */
    evidenceIds: z.array(z.string().uuid()),
  }),
});

export const auditEvents = [FindingRaised, FindingChanged, CorrectiveActionChanged] as const;
