import { z } from 'zod';
import { defineCollector } from '@iso27001/collector-kit';
import { dayOfDate, daysAfter, daysBefore } from '../collector.rules';

export interface AccessDay {
  day: string;
  records: number;
  requests: number;
  refusals: number;
  auditorRequests: number;
  unauthenticatedRefusals: number;
}

/** The gateway's persisted access log, read through its internal endpoint. */
export interface AccessLogHost {
  daily(organisationId: string, from: string, to: string, signal: AbortSignal): Promise<AccessDay[]>;
}

export const ACCESS_LOG_HOST = 'accessLog';

const configSchema = z.object({
  /** Days covered, ending with the day of the run (UTC). */
  periodDays: z.number().int().min(1).max(400).default(7),
  validDays: z.number().int().min(1).max(400).default(8),
});

/**
 * A.8.15 logging: the gateway's access log per day (requests, refused requests, external auditors' requests) with the
 * assertion that logging was continuous: no day of the period without access records.
 */
export const accessLogCollector = defineCollector({
  id: 'gateway.access-log',
  title: 'Gateway access log',
  description: "Requests, refusals and external auditors' requests per day, from the gateway's persisted access log.",
  version: '1.0.0',
  defaultSchedule: '15 0 * * *',
  configSchema,
  controls: ['A.8.15'],
  clauses: [],
  async collect(context) {
    const host = context.host[ACCESS_LOG_HOST] as AccessLogHost | undefined;
    if (!host) throw new Error('the gateway access log is not reachable from this service');
    const end = dayOfDate(context.now);
    const start = dayOfDate(daysBefore(context.now, context.config.periodDays - 1));
    const days = await host.daily(context.organisationId, start, end, context.signal);
    const silent = days.filter((day) => day.records === 0).map((day) => day.day);
    const sum = (field: keyof Omit<AccessDay, 'day'>) => days.reduce((total, day) => total + day[field], 0);
    return [
      {
        title: 'Gateway access log: requests, refusals and auditor requests per day',
        payload: {
          period: { start, end },
          totals: { requests: sum('requests'), refusals: sum('refusals'), auditorRequests: sum('auditorRequests'), unauthenticatedRefusals: sum('unauthenticatedRefusals') },
          days: days.map((day) => ({ ...day })),
        },
        assertion:
          silent.length === 0
            ? { passed: true, reason: `logging continuous: every day from ${start} to ${end} has access records` }
            : { passed: false, reason: `logging not continuous: no access records on ${silent.length} day(s) of ${start} to ${end} (${silent.slice(0, 10).join(', ')}${silent.length > 10 ? ', …' : ''})` },
        period: { start, end },
        validUntil: daysAfter(context.now, context.config.validDays),
      },
    ];
  },
});
