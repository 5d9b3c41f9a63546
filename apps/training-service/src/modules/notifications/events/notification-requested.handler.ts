import { NotificationRequested } from '@iso27001/contracts';
import { on, ServiceDeps } from '@iso27001/platform';
import { TrainingConfig } from '../../../config';
import { NotificationService } from '../notification.service';
import { notificationSinks } from '../sinks/notification-sink.registry';

/**
 * Records each requested notification once per dedupe key, with its deliveries per channel; the delivery job sends
 * them after the transaction commits (never from inside it, so a rolled-back event sends nothing).
 */
export function notificationRequestedHandler(deps: ServiceDeps<TrainingConfig>) {
  const notifications = new NotificationService(deps, notificationSinks(deps));
  return on(NotificationRequested, async (event, manager) => {
    await notifications.record(manager, event);
  });
}
