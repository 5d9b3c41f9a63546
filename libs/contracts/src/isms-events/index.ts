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
    /** Added later (optional for old events): the unit's id in the HR system, and whether it is still in use. */
    externalId: z.string().nullable().optional(),
    active: z.boolean().optional(),
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
    /** Added later (optional for old events): the person's id in the HR system. */
    externalId: z.string().nullable().optional(),
  }),
});

export const ScopeApproved = defineEvent({
  type: 'isms.scope.approved',
  version: 1,
  topic: 'isms.scope.v1',
  description:
    'Top management approved a version of the ISMS scope statement (clause 4.3); it supersedes the previously approved one. ' +
    'The Statement of Applicability and audits refer to this version.',
  schema: z.object({
    id: z.string().uuid(),
    version: z.number().int().positive(),
    inScopeUnitIds: z.array(z.string().uuid()),
    supersededId: z.string().uuid().nullable(),
    approvedAt: z.string().datetime({ offset: true }),
    approvedBy: z.string().min(1),
  }),
});

export const RoleAssignmentChanged = defineEvent({
  type: 'isms.role-assignment.changed',
  version: 1,
  topic: 'isms.role-assignment.v1',
  description:
    'An administrator assigned a role over a unit and its sub-units to a person or to an identity-provider group, or revoked ' +
    'it (`active: false`); carries the full state so every service can keep a replica and scope its records by it.',
  schema: z
    .object({
      id: z.string().uuid(),
      /** Exactly one of the two: a person of the register, or a group name as the identity provider sends it. */
      personId: z.string().uuid().nullable(),
      group: z.string().min(1).max(256).nullable(),
      role: z.string().min(1),
      unitId: z.string().uuid(),
      active: z.boolean(),
    })
    .refine((data) => (data.personId === null) !== (data.group === null), 'exactly one of personId and group'),
});

export const ismsEvents = [OrgUnitUpserted, PersonUpserted, ScopeApproved, RoleAssignmentChanged] as const;
