import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { Response } from 'express';
import { databaseUrl, ensureDatabase, withAdvisoryLock } from '@iso27001/platform';
import { sendError } from './http-errors';

export interface RateLimitSettings {
  /** Requests one identity may make per window; 0 turns the limit off. */
  requests: number;
  windowSeconds: number;
  /** PostgreSQL server URL and the gateway's own database on it: every replica counts in the same table. */
  serverUrl: string;
  database: string;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimit {
  /** Counts one request of `identity` (`sub:<subject>` or `ip:<address>`). */
  take(identity: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/** What the shared counter answered for a reservation of some points of one identity's budget. */
export type StoreAnswer = { granted: true; remaining: number; msBeforeNext: number } | { granted: false; msBeforeNext: number };

/** The share of the budget one reservation takes at most (1/50: 20 of the default 1,000 per minute). */
export const RESERVATION_SHARE = 50;
/** A reservation takes at most this fraction of what the shared counter last said was left: smaller near the limit. */
export const REMAINING_SHARE = 10;

/**
 * One identity's budget is spent locally in small reservations of the shared counter, so most requests cost no
 * round trip to PostgreSQL. Every request admitted was counted in the shared counter before it was admitted, so all
 * replicas together never admit more than the limit. What a reservation takes is at most 1/50 of the limit and 1/10
 * of what the counter last said was left, and 1 once fewer than 10 × 2 are left: near the limit each request is
 * counted on its own, as without reservations. The price is a few refusals early: points a replica reserved but did
 * not spend before the window ended (at most limit/50 − 1 per replica and identity), and the points of a reservation
 * refused because other replicas spent what was left meanwhile (at most a tenth of what was left then). A
 * reservation ends with the counter's window, so points never carry over into the next one.
 */
export class BudgetReservations {
  private readonly held = new Map<string, { left: number; until: number; remaining: number }>();
  private readonly pending = new Map<string, Promise<RateDecision>>();
  private readonly largest: number;

  constructor(
    limit: number,
    private readonly store: (identity: string, points: number) => Promise<StoreAnswer>,
    private readonly now: () => number = Date.now,
    private readonly maxIdentities = 100_000,
  ) {
    this.largest = Math.max(1, Math.floor(limit / RESERVATION_SHARE));
  }

  async take(identity: string): Promise<RateDecision> {
    for (;;) {
      const held = this.held.get(identity);
      const live = held !== undefined && this.now() < held.until;
      if (live && held.left > 0) {
        held.left -= 1;
        return { allowed: true };
      }
      // Another request of this identity is reserving already: wait for it, then look again.
      const pending = this.pending.get(identity);
      if (pending) {
        await pending.catch(() => undefined);
        continue;
      }
      const reserving = this.reserve(identity, live ? held.remaining : undefined).finally(() => this.pending.delete(identity));
      this.pending.set(identity, reserving);
      return reserving;
    }
  }

  /** Reserves points for this request and the next few; this request takes the first. */
  private async reserve(identity: string, remaining: number | undefined): Promise<RateDecision> {
    // The first reservation of a window takes one point (nothing is known yet of what is left).
    const points = remaining === undefined ? 1 : Math.max(1, Math.min(this.largest, Math.floor(remaining / REMAINING_SHARE)));
    const answer = await this.store(identity, points);
    const at = this.now();
    if (!answer.granted) {
      this.held.delete(identity);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(answer.msBeforeNext / 1000)) };
    }
    if (this.held.size >= this.maxIdentities) this.forgetExpired(at);
    this.held.set(identity, { left: points - 1, until: at + answer.msBeforeNext, remaining: answer.remaining });
    return { allowed: true };
  }

  private forgetExpired(at: number): void {
    for (const [identity, held] of this.held) if (held.until <= at) this.held.delete(identity);
    // Still full of live identities: the oldest go; what they held is only refused early, never admitted twice.
    for (const identity of this.held.keys()) {
      if (this.held.size < this.maxIdentities) break;
      this.held.delete(identity);
    }
  }
}

/**
 * A fixed-window request limit per identity, counted in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres), so
 * it holds across gateway replicas, and spent in reservations (BudgetReservations), so most requests do not wait for
 * the database. Should the database be unreachable, each replica keeps counting in memory on its own (the
 * insurance limiter) rather than letting every request through or refusing them all.
 */
export async function createRateLimit(settings: RateLimitSettings): Promise<RateLimit> {
  await ensureDatabase(settings.serverUrl, settings.database);
  // Counters are worth nothing after a crash: no WAL and no flush to wait for on each request's commit (a logged,
  // synchronously committed upsert costs a disk flush per request, milliseconds on a busy server).
  const pool = new Pool({ connectionString: databaseUrl(settings.serverUrl, settings.database), max: 5, options: '-c synchronous_commit=off' });
  try {
    // Under a lock: replicas starting together would otherwise race on the table's type (CREATE … IF NOT EXISTS is not atomic).
    await withAdvisoryLock(databaseUrl(settings.serverUrl, settings.database), 'gateway rate_limits table', () =>
      pool.query('CREATE UNLOGGED TABLE IF NOT EXISTS rate_limits (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)'),
    );
  } catch (error) {
    await pool.end();
    throw error;
  }
  const options = { points: settings.requests, duration: settings.windowSeconds };
  const limiter = new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: 'pool',
    // The library's own table layout, created above as UNLOGGED.
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: 'graphql',
    clearExpiredByTimeout: true,
    // Once over the limit, an identity is refused from memory until its window ends: no database round trip.
    inMemoryBlockOnConsumed: settings.requests + 1,
    inMemoryBlockDuration: settings.windowSeconds,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  const reservations = new BudgetReservations(settings.requests, async (identity, points) => {
    try {
      const granted = await limiter.consume(identity, points);
      return { granted: true, remaining: granted.remainingPoints, msBeforeNext: granted.msBeforeNext };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { granted: false, msBeforeNext: refusal.msBeforeNext };
    }
  });
  return {
    take: (identity) => reservations.take(identity),
    close: () => pool.end(),
  };
}

/**
 * Counts the request against `identity`; when it is over the limit answers 429 with Retry-After and a JSON error,
 * and returns false.
 */
export async function admitRequest(rateLimit: RateLimit | null, settings: Pick<RateLimitSettings, 'requests' | 'windowSeconds'>, identity: string, res: Response): Promise<boolean> {
  if (!rateLimit) return true;
  const decision = await rateLimit.take(identity);
  if (decision.allowed) return true;
  res.setHeader('Retry-After', String(decision.retryAfterSeconds));
  sendError(res, 429, `too many requests: at most ${settings.requests} per ${settings.windowSeconds} s for one caller (RATE_LIMIT_REQUESTS); retry after ${decision.retryAfterSeconds} s`, {
    code: 'RATE_LIMITED',
    retryAfterSeconds: decision.retryAfterSeconds,
  });
  return false;
}
