import { z } from 'zod';
import { defineEvent } from '../envelope';

export const AssignmentChanged = defineEvent({
  type: 'training.assignment.changed',
  version: 1,
  topic: 'training.assignment.v1',
  description: 'A course was assigned to a person, or the assignment was completed or became overdue.',
  schema: z.object({
    id: z.string().uuid(),
    courseId: z.string().uuid(),
    personId: z.string().uuid(),
    status: z.enum(['ASSIGNED', 'COMPLETED', 'OVERDUE']),
    dueOn: z.string().date(),
    completedAt: z.string().datetime({ offset: true }).nullable(),
  }),
});

export const trainingEvents = [AssignmentChanged] as const;
