import { Logger, ServiceDeps } from '@iso27001/platform';
import { TrainingConfig } from '../../../config';
import { NotificationChannel } from '../notification.rules';
import { ChatWebhookSink } from './chat-webhook.sink';
import { LogSink } from './log.sink';
import { NotificationSink } from './notification.sink';
import { SmtpSink } from './smtp.sink';

/** The sink of each channel, or none (the channel is not configured: its deliveries are SKIPPED with that reason). */
export class NotificationSinkRegistry {
  private readonly sinks = new Map<NotificationChannel, NotificationSink>();

  constructor(sinks: NotificationSink[]) {
    for (const sink of sinks) {
      if (this.sinks.has(sink.channel)) throw new Error(`two notification sinks for channel ${sink.channel}: ${this.sinks.get(sink.channel)!.id} and ${sink.id}`);
      this.sinks.set(sink.channel, sink);
    }
  }

  /**
   * From the service's settings: e-mail over SMTP when NOTIFICATION_SMTP_URL or _HOST is set, else a log sink (so a
   * local start works with nothing configured); chat when NOTIFICATION_CHAT_WEBHOOK_URL is set.
   */
  static fromConfig(config: TrainingConfig, logger: Logger): NotificationSinkRegistry {
    const sinks: NotificationSink[] = [];
    if (config.NOTIFICATION_SMTP_URL || config.NOTIFICATION_SMTP_HOST) {
      sinks.push(new SmtpSink({ url: config.NOTIFICATION_SMTP_URL, host: config.NOTIFICATION_SMTP_HOST, port: config.NOTIFICATION_SMTP_PORT, from: config.NOTIFICATION_MAIL_FROM }));
    } else {
      sinks.push(new LogSink('EMAIL', logger));
    }
    if (config.NOTIFICATION_CHAT_WEBHOOK_URL) sinks.push(new ChatWebhookSink(config.NOTIFICATION_CHAT_WEBHOOK_URL, config.NOTIFICATION_CHAT_ALLOW_PRIVATE));
    return new NotificationSinkRegistry(sinks);
  }

  sinkFor(channel: NotificationChannel): NotificationSink | null {
    return this.sinks.get(channel) ?? null;
  }

  async close(): Promise<void> {
    for (const sink of this.sinks.values()) await sink.close?.();
  }
}

const registries = new WeakMap<object, NotificationSinkRegistry>();

/** The service's one registry (shared by the handler, the resolvers and the jobs of one running service). */
export function notificationSinks(deps: ServiceDeps<TrainingConfig>): NotificationSinkRegistry {
  let registry = registries.get(deps);
  if (!registry) {
    registry = NotificationSinkRegistry.fromConfig(deps.config, deps.logger);
    registries.set(deps, registry);
  }
  return registry;
}
