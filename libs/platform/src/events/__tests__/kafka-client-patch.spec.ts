/**
 * kafkajs 2.2.4 (unmaintained) re-armed a 1 ms timer for ever on every broker connection once a request had
 * completed: a busy loop per connection (about 5 % of a core per idle service here), which Node 24 also reports as
 * TimeoutNegativeWarning. patches/kafkajs+2.2.4.patch, applied by `npm ci`, stops scheduling when nothing is pending.
 */
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: Record<string, unknown>) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  destroy(): void;
};

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the Kafka client request queue (patched)', () => {
  const queue = () => new RequestQueue({ maxInFlightRequests: null, requestTimeout: 1_000, enforceRequestTimeout: true, clientId: 'test', broker: 'b:1', logger: { namespace: () => logger } });

  it('arms no timer when nothing is pending and nothing is throttled', () => {
    const idle = queue();
    idle.checkPendingRequests(); // what every completed response calls
    expect(idle.throttleCheckTimeoutId).toBeNull();
    idle.destroy();
  });

  it('still checks again at the end of a throttle', () => {
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 50;
    throttled.checkPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    throttled.destroy();
  });
});
