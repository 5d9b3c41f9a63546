import nodemailer, { Transporter } from 'nodemailer';
import { NotificationSink, OutgoingMessage } from './notification.sink';

export interface SmtpSettings {
  url?: string;
  host?: string;
  port: number;
  from: string;
}

/** E-mail over SMTP with nodemailer (one pooled connection per service). */
export class SmtpSink implements NotificationSink {
  readonly id = 'smtp';
  readonly channel = 'EMAIL' as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = settings.url
      ? nodemailer.createTransport(settings.url)
      : nodemailer.createTransport({ host: settings.host, port: settings.port, secure: settings.port === 465 });
  }

  async deliver(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.settings.from, to: { name: message.to.name, address: message.to.email }, subject: message.subject, text: message.text });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
