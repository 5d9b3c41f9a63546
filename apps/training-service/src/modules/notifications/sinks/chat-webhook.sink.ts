import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from '@iso27001/platform';
import { NotificationSink, OutgoingMessage } from './notification.sink';

const TIMEOUT_MS = 10_000;

/**
 * A Slack/Teams-style incoming webhook: POSTs `{ "text": … }` (the message's text) as JSON. Private and loopback addresses are refused unless
 * allowed (NOTIFICATION_CHAT_ALLOW_PRIVATE); errors never name the URL (it is a secret).
 */
export class ChatWebhookSink implements NotificationSink {
  readonly id = 'chat-webhook';
  readonly channel = 'CHAT' as const;

  constructor(
    private readonly url: string,
    private readonly allowPrivate: boolean,
  ) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowPrivate)) {
      throw new Error('NOTIFICATION_CHAT_WEBHOOK_URL must be https (plain http only with NOTIFICATION_CHAT_ALLOW_PRIVATE=true)');
    }
  }

  deliver(message: OutgoingMessage): Promise<void> {
    const url = new URL(this.url);
    const client = url.protocol === 'https:' ? https : http;
    const body = JSON.stringify({ text: message.text });
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, lookup: guardedLookup(this.allowPrivate, () => 'the chat webhook'), timeout: TIMEOUT_MS },
        (response) => {
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new Error(`the chat webhook answered HTTP ${status}`));
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`the chat webhook did not answer within ${TIMEOUT_MS / 1000} s`)));
      request.on('error', (error) => reject(new Error(error.message.replace(url.href, '<webhook>'))));
      request.end(body);
    });
  }
}
