import http from 'node:http';
import { AddressInfo } from 'node:net';
import { composeDigest, DEFAULT_PREFERENCES, deliveryModeOf, retryDelaySeconds, safeReason } from '../notification.rules';
import { isPublicAddress } from '@iso27001/platform';
import { ChatWebhookSink } from '../sinks/chat-webhook.sink';

describe('notification rules', () => {
  it('backs off exponentially up to a day and stops at the cap', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelaySeconds(attempts, 5, 60))).toEqual([60, 120, 240, 480]);
    expect(retryDelaySeconds(5, 5, 60)).toBeNull();
    expect(retryDelaySeconds(15, 20, 60)).toBe(86_400);
  });

  it('keeps credentials, URLs and tokens out of failure reasons', () => {
    const reason = safeReason(new Error('connect to smtp://user:s3cret@mail.example.test failed; hook https://hooks.example.test/T000/B000/XXXXXXXX token abcdefghijklmnopqrstuvwxyz0123456789ABCD'));
    expect(reason).not.toMatch(/s3cret|hooks\.example|abcdefghijklmnop/);
    expect(safeReason('word '.repeat(400))).toHaveLength(500);
  });

  it('sends e-mail as a daily digest by default and chat always at once', () => {
    expect(deliveryModeOf(DEFAULT_PREFERENCES, 'EMAIL')).toBe('DIGEST');
    expect(deliveryModeOf({ ...DEFAULT_PREFERENCES, mode: 'IMMEDIATE' }, 'EMAIL')).toBe('IMMEDIATE');
    expect(deliveryModeOf(DEFAULT_PREFERENCES, 'CHAT')).toBe('IMMEDIATE');
  });

  it('numbers the items of a digest and links them into the portal', () => {
    const digest = composeDigest('https://portal.example.test/', '2027-01-10', [
      { kind: 'A', subject: 'First', body: 'one', dueDate: '2027-01-12', link: '/my/training' },
      { kind: 'B', subject: 'Second', body: 'two', dueDate: null, link: null },
    ]);
    expect(digest.subject).toBe('Your ISMS digest for 2027-01-10: 2 items');
    expect(digest.text).toContain('1. First\none\nDue: 2027-01-12\nOpen: https://portal.example.test/my/training');
    expect(digest.text).toContain('2. Second\ntwo');
  });
});

describe('chat webhook SSRF guard', () => {
  it('tells public addresses from private, loopback and link-local ones', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '169.254.169.254', '::1', '::ffff:127.0.0.1']) expect(isPublicAddress(address)).toBe(false);
  });

  it('refuses plain http unless private addresses are allowed', () => {
    expect(() => new ChatWebhookSink('http://chat.example.test/hook', false)).toThrow(/must be https/);
  });

  it('refuses to post to a loopback address unless allowed, and never names the URL in the error', async () => {
    const received: string[] = [];
    const server = http.createServer((req, res) => {
      req.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const message = { to: { email: 'a@example.test', name: 'A' }, subject: 's', text: 'hello' };
      // https to localhost: the guard refuses at lookup, before any connection
      const guarded = new ChatWebhookSink(`https://localhost:${port}/secret-token`, false);
      const error = await guarded.deliver(message).then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(/private or loopback address/);
      expect(error?.message).not.toContain('secret-token');
      expect(received).toEqual([]);
      await new ChatWebhookSink(`http://localhost:${port}/hook`, true).deliver(message);
      expect(JSON.parse(received.join(''))).toEqual({ text: 'hello' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
