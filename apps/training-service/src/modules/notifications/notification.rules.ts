/** Pure rules of notifications: channels, preferences, retry back-off, digest text, safe failure reasons. No I/O. */

export const NOTIFICATION_CHANNELS = ['EMAIL', 'CHAT'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const DELIVERY_MODES = ['DIGEST', 'IMMEDIATE'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export type DeliveryStatus = 'PENDING' | 'SENT' | 'FAILED' | 'SKIPPED';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'];

export interface Preferences {
  email: boolean;
  chat: boolean;
  mode: DeliveryMode;
}

/** What a person gets until they say otherwise: e-mail, gathered into one daily digest; no chat. */
export const DEFAULT_PREFERENCES: Readonly<Preferences> = { email: true, chat: false, mode: 'DIGEST' };

export function isChannel(value: string): value is NotificationChannel {
  return (NOTIFICATION_CHANNELS as readonly string[]).includes(value);
}

export function isDeliveryMode(value: string): value is DeliveryMode {
  return (DELIVERY_MODES as readonly string[]).includes(value);
}

/** Whether the person wants the channel. */
export function channelEnabled(preferences: Preferences, channel: NotificationChannel): boolean {
  return channel === 'EMAIL' ? preferences.email : preferences.chat;
}

/**
 * How a new notification goes out on a channel: e-mail as the person chose (digest or immediate); chat messages are
 * short and always immediate.
 */
export function deliveryModeOf(preferences: Preferences, channel: NotificationChannel): DeliveryMode {
  return channel === 'EMAIL' ? preferences.mode : 'IMMEDIATE';
}

/**
 * Seconds to wait before the next attempt after `attempts` failed ones: base × 2^(attempts-1), at most a day; null once
 * the cap is reached (the delivery stays FAILED).
 */
export function retryDelaySeconds(attempts: number, limit: number, baseSeconds: number): number | null {
  if (attempts >= limit) return null;
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 86_400);
}

/**
 * A failure reason fit for the delivery log: credentials in URLs, long tokens and line breaks removed, at most 500
 * characters.
 */
export function safeReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'delivery failed';
  const cleaned = raw
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1***@')
    .replace(/\bhttps?:\/\/\S+/gi, '<url>')
    .replace(/[A-Za-z0-9_-]{32,}/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
  return (cleaned || 'delivery failed').slice(0, 500);
}

export interface MessageItem {
  kind: string;
  subject: string;
  body: string;
  dueDate: string | null;
  link: string | null;
}

export interface ComposedMessage {
  subject: string;
  text: string;
}

function absoluteLink(portalUrl: string, link: string | null): string | null {
  if (!link) return null;
  return /^https?:\/\//i.test(link) ? link : `${portalUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

function itemText(portalUrl: string, item: MessageItem): string {
  const lines = [item.subject, item.body];
  if (item.dueDate) lines.push(`Due: ${item.dueDate}`);
  const link = absoluteLink(portalUrl, item.link);
  if (link) lines.push(`Open: ${link}`);
  return lines.join('\n');
}

/** One notification as an e-mail. */
export function composeImmediate(portalUrl: string, item: MessageItem): ComposedMessage {
  return { subject: item.subject, text: itemText(portalUrl, item) };
}

/** The day's notifications of one person as one e-mail, in the order given (due date first, then as they came). */
export function composeDigest(portalUrl: string, day: string, items: readonly MessageItem[]): ComposedMessage {
  const subject = `Your ISMS digest for ${day}: ${items.length} ${items.length === 1 ? 'item' : 'items'}`;
  const text = [`You have ${items.length} ${items.length === 1 ? 'item' : 'items'} waiting:`, ...items.map((item, index) => `${index + 1}. ${itemText(portalUrl, item)}`)].join('\n\n');
  return { subject, text };
}

/** A chat message: one line with the subject, the due date and the link. */
export function composeChat(portalUrl: string, recipient: string, item: MessageItem): string {
  const link = absoluteLink(portalUrl, item.link);
  return [`${recipient}: ${item.subject}`, item.dueDate ? `(due ${item.dueDate})` : null, link].filter(Boolean).join(' ');
}
