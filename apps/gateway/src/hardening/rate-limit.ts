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

/**
 * A fixed-window request limit per identity, counted in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres), so
 * it holds across gateway replicas. Should the database be unreachable, each replica keeps counting in memory on its
 * own (the insurance limiter) rather than letting every request through or refusing them all.
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
  return {
    async take(identity) {
      try {
        await limiter.consume(identity);
        return { allowed: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
      }
    },
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
