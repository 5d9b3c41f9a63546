import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  DATABASE_NAME: z.string().default('iso_training'),
  /** Notifications: e-mail over SMTP (a URL such as smtp://user:pass@host:587, or host and port); unset = a log sink. */
  NOTIFICATION_SMTP_URL: z.string().url().optional(),
  NOTIFICATION_SMTP_HOST: z.string().min(1).optional(),
  NOTIFICATION_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  NOTIFICATION_MAIL_FROM: z.string().min(3).default('ISMS platform <no-reply@iso27001.local>'),
  /** A Slack/Teams-style incoming webhook (POST {text}); unset = no chat channel. */
  NOTIFICATION_CHAT_WEBHOOK_URL: z.string().url().optional(),
  /** Let the chat webhook reach private and loopback addresses (an in-house chat server); off by default (SSRF guard). */
  NOTIFICATION_CHAT_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /** Failed deliveries are retried after base × 2^(attempt-1) seconds, at most this many attempts in all. */
  NOTIFICATION_RETRY_LIMIT: z.coerce.number().int().min(1).max(20).default(5),
  NOTIFICATION_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(86400).default(60),
  /** The portal's address, for links in e-mails and chat messages. */
  NOTIFICATION_PORTAL_URL: z.string().url().default('http://localhost:4200'),
});

export type TrainingConfig = z.infer<typeof configSchema>;
