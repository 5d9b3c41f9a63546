import { BudgetReservations, RESERVATION_SHARE, StoreAnswer } from '../rate-limit';

/**
 * A shared fixed-window counter as rate-limiter-flexible keeps it in PostgreSQL: points are added whether or not they
 * fit, and a consume that takes the count over the limit is refused. Every replica's reservations go to this one.
 */
function sharedCounter(limit: number, windowMs: number, clock: { now: number }) {
  const counts = new Map<string, { points: number; ends: number }>();
  const calls: { identity: string; points: number; countedBefore: number }[] = [];
  const store = async (identity: string, points: number): Promise<StoreAnswer> => {
    let entry = counts.get(identity);
    if (!entry || entry.ends <= clock.now) counts.set(identity, (entry = { points: 0, ends: clock.now + windowMs }));
    calls.push({ identity, points, countedBefore: entry.points });
    entry.points += points;
    const msBeforeNext = entry.ends - clock.now;
    return entry.points <= limit ? { granted: true, remaining: limit - entry.points, msBeforeNext } : { granted: false, msBeforeNext };
  };
  return { store, calls, counted: (identity: string) => counts.get(identity)?.points ?? 0 };
}

describe('a rate limit spent in reservations of a shared counter', () => {
  it('never admits more than the limit across replicas, and refuses only a little early', async () => {
    const clock = { now: 1_000_000 };
    const limit = 1_000;
    const counter = sharedCounter(limit, 60_000, clock);
    const replicas = [0, 1, 2].map(() => new BudgetReservations(limit, counter.store, () => clock.now));
    let admitted = 0;
    for (let i = 0; i < 3 * limit; i++) {
      // Requests land on the replicas unevenly, as a load balancer may send them.
      const replica = replicas[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2] as BudgetReservations;
      if ((await replica.take('sub:a')).allowed) admitted++;
    }
    expect(admitted).toBeLessThanOrEqual(limit);
    // What replicas held unspent when the budget ran out: at most a reservation's size each.
    expect(admitted).toBeGreaterThanOrEqual(limit - replicas.length * (limit / RESERVATION_SHARE - 1));
  });

  it('asks the shared counter once per reservation, not once per request', async () => {
    const clock = { now: 1_000_000 };
    const counter = sharedCounter(1_000, 60_000, clock);
    const limiter = new BudgetReservations(1_000, counter.store, () => clock.now);
    for (let i = 0; i < 500; i++) expect(await limiter.take('sub:a')).toEqual({ allowed: true });
    expect(counter.calls.length).toBeLessThan(500 / 10);
    // Every request admitted was counted before it was admitted; what is counted beyond is held for the next ones.
    expect(counter.counted('sub:a')).toBeGreaterThanOrEqual(500);
    expect(counter.counted('sub:a')).toBeLessThan(500 + 1_000 / RESERVATION_SHARE);
  });

  it('counts request by request near the limit, and refuses past it with the time until the window ends', async () => {
    const clock = { now: 1_000_000 };
    const counter = sharedCounter(1_000, 60_000, clock);
    const limiter = new BudgetReservations(1_000, counter.store, () => clock.now);
    const decisions = [];
    for (let i = 0; i < 1_001; i++) decisions.push(await limiter.take('ip:127.0.0.1'));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(1_000);
    expect(decisions.at(-1)?.allowed).toBe(false);
    clock.now += 15_000;
    expect(await limiter.take('ip:127.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Reservations shrink with what is left: none takes more than a tenth of it, and with fewer than 20 left each
    // request is counted on its own.
    for (const call of counter.calls.filter((c) => c.countedBefore > 0)) expect(call.points).toBeLessThanOrEqual(Math.max(1, Math.floor((1_000 - call.countedBefore) / 10)));
    const last = counter.calls.filter((call) => call.countedBefore > 980);
    expect(last.length).toBeGreaterThanOrEqual(19);
    expect(new Set(last.map((call) => call.points))).toEqual(new Set([1]));
  });

  it('drops what it holds when the window ends, so no point carries over', async () => {
    const clock = { now: 1_000_000 };
    const counter = sharedCounter(1_000, 60_000, clock);
    const limiter = new BudgetReservations(1_000, counter.store, () => clock.now);
    for (let i = 0; i < 3; i++) await limiter.take('sub:a');
    const before = counter.calls.length;
    clock.now += 60_000;
    await limiter.take('sub:a');
    expect(counter.calls.length).toBe(before + 1);
    // A new window: the first reservation takes one point, as nothing is known yet of what is left.
    expect(counter.calls.at(-1)).toEqual({ identity: 'sub:a', points: 1, countedBefore: 0 });
    expect(counter.counted('sub:a')).toBe(1);
  });

  it('keeps identities apart', async () => {
    const clock = { now: 1_000_000 };
    const counter = sharedCounter(2, 60_000, clock);
    const limiter = new BudgetReservations(2, counter.store, () => clock.now);
    expect([await limiter.take('sub:a'), await limiter.take('sub:a'), await limiter.take('sub:a')].map((d) => d.allowed)).toEqual([true, true, false]);
    expect((await limiter.take('sub:b')).allowed).toBe(true);
  });

  it('lets concurrent requests of one identity share a reservation instead of each asking the counter', async () => {
    const clock = { now: 1_000_000 };
    const counter = sharedCounter(1_000, 60_000, clock);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowStore = async (identity: string, points: number) => {
      await gate;
      return counter.store(identity, points);
    };
    const limiter = new BudgetReservations(1_000, slowStore, () => clock.now);
    const decisions = Promise.all(Array.from({ length: 12 }, () => limiter.take('sub:a')));
    release();
    expect((await decisions).every((decision) => decision.allowed)).toBe(true);
    // The first reservation of the window (1 point), then one of 20 that serves the other eleven.
    expect(counter.calls.map((call) => call.points)).toEqual([1, 20]);
  });

  it('refuses what the counter refuses, and tells the error of an unreachable counter to the caller', async () => {
    const failing = new BudgetReservations(10, async () => Promise.reject(new Error('connection refused')));
    await expect(failing.take('sub:a')).rejects.toThrow('connection refused');
    const refusing = new BudgetReservations(10, async () => ({ granted: false, msBeforeNext: 200 }));
    expect(await refusing.take('sub:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
