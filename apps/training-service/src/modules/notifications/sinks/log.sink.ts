import { Logger } from '@iso27001/platform';
import { NotificationChannel } from '../notification.rules';
import { NotificationSink, OutgoingMessage } from './notification.sink';

/** Writes the message to the service log instead of sending it: the default e-mail sink when no SMTP server is configured. */
export class LogSink implements NotificationSink {
  readonly id = 'log';

  constructor(
    readonly channel: NotificationChannel,
    private readonly logger: Logger,
  ) {}

  async deliver(message: OutgoingMessage): Promise<void> {
    this.logger.info({ channel: this.channel, to: message.to.email, subject: message.subject }, 'notification (log sink: no SMTP server configured)');
  }
}
