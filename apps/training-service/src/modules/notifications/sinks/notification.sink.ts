import { NotificationChannel } from '../notification.rules';

/** A message ready to go out to one person. */
export interface OutgoingMessage {
  /** The recipient's e-mail address and name (from the person replica). */
  to: { email: string; name: string };
  subject: string;
  text: string;
}

/**
 * Where notifications go. A sink sends one message and resolves, or throws an Error whose message says why (it is
 * written to the delivery log: no secrets in it). To add one, implement this and register it in
 * `notification-sink.registry.ts`.
 */
export interface NotificationSink {
  /** e.g. `smtp`, `chat-webhook`, `log`. */
  readonly id: string;
  /** The channel of the person's preferences the sink serves. */
  readonly channel: NotificationChannel;
  deliver(message: OutgoingMessage): Promise<void>;
  close?(): Promise<void>;
}
