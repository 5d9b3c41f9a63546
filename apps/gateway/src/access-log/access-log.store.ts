import express from 'express';
import { Pool } from 'pg';
import { CLAIMS_HEADER, Claims, Role, verifyInternalToken } from '@iso27001/authz';
import { databaseUrl, ensureDatabase, Logger, withAdvisoryLock } from '@iso27001/platform';

/** One request that reached the gateway's API (GraphQL or evidence files), as kept in the gateway's database. */
export interface AccessRecord {
  at: Date;
  organisationId: string | null;
  sub: string | null;
  auditor: boolean;
  method: string;
  path: string;
  status: number;
  requestId: string | null;
}

/** A day of the access log for one organisation (UTC), as evidence-service's access-log collector reads it. */
export interface AccessDay {
  day: string;
  /** Every record of the day, whoever made it: the log was written that day. */
  records: number;
  /** The organisation's requests, its refused ones (401, 403, 429) and its external auditors' requests. */
  requests: number;
  refusals: number;
  auditorRequests: number;
  /** Refused requests without a verified identity (no organisation known), counted for every organisation. */
  unauthenticatedRefusals: number;
}

const REFUSED = [401, 403, 429];
const FLUSH_MS = 1000;
const FLUSH_AT = 500;
const MAX_PENDING = 50_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The gateway's persisted access log (A.8.15): each API request's time, caller, organisation, whether an external
 * auditor made it, path and HTTP status, written in batches (at most a second behind) to the gateway's own database,
 * beside the rate limit. Daily figures are served to evidence-service on an internal endpoint behind the internal token.
 */
export class AccessLog {
  private pending: AccessRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  static async open(settings: { serverUrl: string; database: string }, logger: Logger): Promise<AccessLog> {
    await ensureDatabase(settings.serverUrl, settings.database);
    const url = databaseUrl(settings.serverUrl, settings.database);
    const pool = new Pool({ connectionString: url, max: 3 });
    try {
      await withAdvisoryLock(url, 'gateway access_record table', async () => {
        await pool.query(`CREATE TABLE IF NOT EXISTS gateway_access_record (
          id bigserial PRIMARY KEY, at timestamptz NOT NULL, organisation_id uuid, sub text, auditor boolean NOT NULL,
          method text NOT NULL, path text NOT NULL, status integer NOT NULL, request_id text)`);
        await pool.query('CREATE INDEX IF NOT EXISTS gateway_access_record_at ON gateway_access_record (at)');
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new AccessLog(pool, logger);
  }

  /** Express middleware: records each request under `/graphql` and `/evidence` once its response is sent. */
  readonly middleware: express.RequestHandler = (req, res, next) => {
    if (!/^\/(graphql|evidence)(\/|$)/.test(req.path)) return next();
    const at = new Date();
    res.on('finish', () => {
      const claims = res.locals['claims'] as Claims | undefined;
      this.add({
        at,
        organisationId: claims?.organisationId ?? null,
        sub: claims?.sub ?? null,
        auditor: claims?.roles.includes(Role.ExternalAuditor) ?? false,
        method: req.method,
        path: req.originalUrl.split('?')[0]!.slice(0, 300),
        status: res.statusCode,
        requestId: (res.locals['requestId'] as string | undefined) ?? null,
      });
    });
    next();
  };

  add(record: AccessRecord): void {
    if (this.pending.length >= MAX_PENDING) {
      this.dropped += 1; // the database is away: keep memory bounded, and say how many were lost once it is back
      return;
    }
    this.pending.push(record);
    if (this.pending.length >= FLUSH_AT) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending (one statement per batch); a failed batch is kept for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      const batch = this.pending.splice(0, this.pending.length);
      if (batch.length === 0) return;
      try {
        await this.pool.query(
          `INSERT INTO gateway_access_record (at, organisation_id, sub, auditor, method, path, status, request_id)
           SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::integer[], $8::text[])`,
          [
            batch.map((r) => r.at),
            batch.map((r) => r.organisationId),
            batch.map((r) => r.sub),
            batch.map((r) => r.auditor),
            batch.map((r) => r.method),
            batch.map((r) => r.path),
            batch.map((r) => r.status),
            batch.map((r) => r.requestId),
          ],
        );
        if (this.dropped > 0) {
          this.logger.warn({ dropped: this.dropped }, 'access records were dropped while the database was unreachable');
          this.dropped = 0;
        }
      } catch (error) {
        this.pending.unshift(...batch.slice(0, MAX_PENDING - this.pending.length));
        this.logger.warn({ err: error, pending: this.pending.length }, 'access records not written yet; retrying');
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), FLUSH_MS * 5);
          this.timer.unref();
        }
      }
    });
    return this.flushing;
  }

  /** Daily figures from `from` to `to` (inclusive, UTC), a row for every day of the range. */
  async daily(organisationId: string, from: string, to: string): Promise<AccessDay[]> {
    await this.flush();
    const { rows } = await this.pool.query<{ day: string; records: string; requests: string; refusals: string; auditor_requests: string; unauthenticated_refusals: string }>(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
              count(r.id) AS records,
              count(r.id) FILTER (WHERE r.organisation_id = $1) AS requests,
              count(r.id) FILTER (WHERE r.organisation_id = $1 AND r.status = ANY($4::int[])) AS refusals,
              count(r.id) FILTER (WHERE r.organisation_id = $1 AND r.auditor) AS auditor_requests,
              count(r.id) FILTER (WHERE r.organisation_id IS NULL AND r.status = ANY($4::int[])) AS unauthenticated_refusals
         FROM generate_series($2::date, $3::date, interval '1 day') AS d(day)
         LEFT JOIN gateway_access_record r ON r.at >= d.day AT TIME ZONE 'UTC' AND r.at < (d.day + interval '1 day') AT TIME ZONE 'UTC'
        GROUP BY d.day ORDER BY d.day`,
      [organisationId, from, to, REFUSED],
    );
    return rows.map((row) => ({
      day: row.day,
      records: Number(row.records),
      requests: Number(row.requests),
      refusals: Number(row.refusals),
      auditorRequests: Number(row.auditor_requests),
      unauthenticatedRefusals: Number(row.unauthenticated_refusals),
    }));
  }

  /** `POST /internal/access-log/daily {organisationId, from, to}`: only with the platform's internal token. */
  internalRouter(secret: string): express.Router {
    const router = express.Router();
    router.post('/daily', express.json({ limit: '4kb' }), async (req, res) => {
      try {
        await verifyInternalToken(req.header(CLAIMS_HEADER) ?? '', secret);
      } catch {
        return void res.status(401).json({ error: 'internal token required' });
      }
      const { organisationId, from, to } = (req.body ?? {}) as Record<string, unknown>;
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      if (typeof organisationId !== 'string' || !uuid.test(organisationId) || typeof from !== 'string' || !DAY.test(from) || typeof to !== 'string' || !DAY.test(to) || to < from) {
        return void res.status(400).json({ error: 'body must be {"organisationId": uuid, "from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} with from ≤ to' });
      }
      if (Date.parse(to) - Date.parse(from) > 400 * 86_400_000) return void res.status(400).json({ error: 'at most 400 days at a time' });
      res.json({ days: await this.daily(organisationId.toLowerCase(), from, to) });
    });
    return router;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.pool.end();
  }
}
