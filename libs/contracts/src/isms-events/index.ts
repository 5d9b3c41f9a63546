import { z } from 'zod';
import { defineEvent } from '../envelope';

export const orgUnitKinds = ['BUSINESS_UNIT', 'DEPARTMENT', 'TEAM'] as const;

export const OrgUnitUpserted = defineEvent({
  type: 'isms.org-unit.upserted',
  version: 1,
  topic: 'isms.org-unit.v1',
  description: 'An organisation unit was created or changed; carries its full state so consumers can keep a replica.',
  schema: z.object({
    id: z.string().uuid(),
    name: z.string().min(1),
    kind: z.enum(orgUnitKinds),
    parentId: z.string().uuid().nullable(),
  }),
});

export const PersonUpserted = defineEvent({
  type: 'isms.person.upserted',
  version: 1,
  topic: 'isms.person.v1',
  description: 'A person was created or changed (including deactivation); carries the full state for replicas.',
  schema: z.object({
    id: z.string().uuid(),
    email: z.string().email(),
    name: z.string().min(1),
    unitId: z.string().uuid().nullable(),
    managerId: z.string().uuid().nullable(),
    jobRole: z.string().nullable(),
    active: z.boolean(),
  }),
});

export const ismsEvents = [OrgUnitUpserted, PersonUpserted] as const;
