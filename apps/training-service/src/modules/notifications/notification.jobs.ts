import { JobDefinition, ServiceDeps } from '@iso27001/platform';
import { TrainingConfig } from '../../config';
import { NotificationDeliveryService } from './notification-delivery.service';
import { notificationSinks } from './sinks/notification-sink.registry';

export const NOTIFICATION_DELIVERY_JOB = 'training.notification-delivery';
export const NOTIFICATION_DIGEST_JOB = 'training.notification-digest';

/** The day a digest run is for: today (UTC), or the `day` it was sent with (catching up, tests). */
export function digestDayOf(data: Record<string, unknown>, now: Date = new Date()): string {
  const day = data['day'];
  if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return now.toISOString().slice(0, 10);
}

/**
 * Every minute: sends new immediate notifications and retries failed deliveries whose back-off has passed (the
 * back-off and the attempt cap live on the delivery rows, NOTIFICATION_RETRY_*). Daily at 07:00 UTC: one digest
 * e-mail per person with notifications waiting, never more than one a day.
 */
export function notificationJobs(deps: ServiceDeps<TrainingConfig>): JobDefinition<ServiceDeps<TrainingConfig>>[] {
  const delivery = new NotificationDeliveryService(deps, notificationSinks(deps));
  return [
    {
      name: NOTIFICATION_DELIVERY_JOB,
      cron: '* * * * *',
      retry: { limit: 3, delaySeconds: 10 },
      timeoutSeconds: 300,
      handler: async () => {
        const { sent, failed } = await delivery.sweep();
        if (sent + failed > 0) deps.logger.info({ sent, failed }, 'notifications delivered');
      },
    },
    {
      name: NOTIFICATION_DIGEST_JOB,
      cron: '0 7 * * *',
      retry: { limit: 5, delaySeconds: 60 },
      handler: async (_deps, job) => {
        const day = digestDayOf(job.data);
        const result = await delivery.runDigest(day);
        if (result.opened + result.failed > 0) deps.logger.info({ day, ...result }, 'notification digests sent');
      },
    },
  ];
}
