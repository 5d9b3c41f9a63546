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

export const auditEvents = [FindingRaised] as const;
