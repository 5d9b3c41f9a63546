import { z } from 'zod';
import { defineCollector } from '@iso27001/collector-kit';
import { dayOfDate, daysBefore, daysAfter } from '../collector.rules';

export interface CourseFigures {
  courseId: string;
  /** Assignments owed or completed (exempt and withdrawn ones excluded). */
  assigned: number;
  completed: number;
  overdue: number;
  /** Exempted with a reason: shown, never counted as completed nor as owed. */
  exempt: number;
}

export interface AcknowledgementFigures {
  policyId: string;
  version: string;
  acknowledgements: number;
  people: number;
}

/** What the host reads from the training replica (fed by training-service's events). */
export interface TrainingFiguresHost {
  courseFigures(organisationId: string): Promise<CourseFigures[]>;
  acknowledgementFigures(organisationId: string, from: Date, to: Date): Promise<AcknowledgementFigures[]>;
}

export const TRAINING_HOST = 'training';

const configSchema = z.object({
  /** Days back from the run that the acknowledgement records cover. */
  periodDays: z.number().int().min(1).max(366).default(30),
  /** Share of assignments that must be completed for the awareness assertion to pass (0..1). */
  minCompletionRate: z.number().min(0).max(1).default(0.9),
  /** Days the evidence stays valid after the run. */
  validDays: z.number().int().min(1).max(400).default(35),
});

const rate = (completed: number, assigned: number) => (assigned === 0 ? 0 : Math.round((completed / assigned) * 10_000) / 10_000);

/**
 * Flow 4: training completions and policy acknowledgements as awareness and competence evidence (A.6.3, clauses 7.2
 * and 7.3): completion rates per course and overall, and acknowledgements per policy version in the period.
 */
export const trainingCollector = defineCollector({
  id: 'training.awareness',
  title: 'Training completions and policy acknowledgements',
  description: 'Completion rates per course and acknowledgements per policy version, from training-service events.',
  version: '1.0.0',
  defaultSchedule: '30 2 * * *',
  configSchema,
  controls: ['A.6.3'],
  clauses: ['7.2', '7.3'],
  async collect(context) {
    const host = context.host[TRAINING_HOST] as TrainingFiguresHost | undefined;
    if (!host) throw new Error('the training replica is not available in this service');
    const today = dayOfDate(context.now);
    const from = daysBefore(context.now, context.config.periodDays);
    const validUntil = daysAfter(context.now, context.config.validDays);
    const courses = await host.courseFigures(context.organisationId);
    const assigned = courses.reduce((sum, course) => sum + course.assigned, 0);
    const completed = courses.reduce((sum, course) => sum + course.completed, 0);
    const overdue = courses.reduce((sum, course) => sum + course.overdue, 0);
    const exempt = courses.reduce((sum, course) => sum + course.exempt, 0);
    const overall = rate(completed, assigned);
    const minimum = context.config.minCompletionRate;
    const acknowledgements = await host.acknowledgementFigures(context.organisationId, from, context.now);
    const acknowledged = acknowledgements.reduce((sum, row) => sum + row.acknowledgements, 0);
    return [
      {
        key: 'completions',
        title: 'Security awareness training: completion rates',
        payload: {
          asOf: today,
          totals: { assigned, completed, overdue, exempt, completionRate: overall },
          minCompletionRate: minimum,
          courses: courses.map((course) => ({ ...course, completionRate: rate(course.completed, course.assigned) })),
        },
        assertion:
          assigned === 0
            ? { passed: false, reason: 'no training has been assigned: awareness cannot be shown' }
            : overall >= minimum
              ? { passed: true, reason: `${completed} of ${assigned} assignments completed (${(overall * 100).toFixed(1)} %, at least ${(minimum * 100).toFixed(1)} % required); ${overdue} overdue` }
              : { passed: false, reason: `only ${completed} of ${assigned} assignments completed (${(overall * 100).toFixed(1)} %, below the required ${(minimum * 100).toFixed(1)} %); ${overdue} overdue` },
        period: { start: today, end: today },
        validUntil,
      },
      {
        key: 'acknowledgements',
        title: 'Policy acknowledgement records',
        payload: { period: { start: dayOfDate(from), end: today }, total: acknowledged, policies: acknowledgements.map((row) => ({ ...row })) },
        assertion:
          acknowledged > 0
            ? { passed: true, reason: `${acknowledged} acknowledgements of ${acknowledgements.length} policy version(s) recorded in the period` }
            : { passed: false, reason: `no policy acknowledgement was recorded between ${dayOfDate(from)} and ${today}` },
        period: { start: dayOfDate(from), end: today },
        validUntil,
      },
    ];
  },
});
