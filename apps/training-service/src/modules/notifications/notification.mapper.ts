import { NOTIFICATION_CHANNELS } from './notification.rules';
import { DeliveryRow, PreferencesView } from './notification.service';
import { NotificationChannelSettingType, NotificationDeliveryType, NotificationPreferencesType } from './notification.type';

export function toNotificationPreferencesType(view: PreferencesView): NotificationPreferencesType {
  return Object.assign(new NotificationPreferencesType(), {
    personId: view.personId,
    delivery: view.mode,
    updatedAt: view.updatedAt,
    channels: NOTIFICATION_CHANNELS.map((channel) =>
      Object.assign(new NotificationChannelSettingType(), { channel, enabled: channel === 'EMAIL' ? view.email : view.chat, configured: view.configured.includes(channel) }),
    ),
  });
}

export function toNotificationDeliveryType(row: DeliveryRow): NotificationDeliveryType {
  return Object.assign(new NotificationDeliveryType(), row, { createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt), sentAt: row.sentAt ? new Date(row.sentAt) : null });
}
