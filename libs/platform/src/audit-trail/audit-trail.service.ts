import { DataSource, QueryRunner } from 'typeorm';
import { AuditAction, AuditTrailContent, AuditTrailRow, ChainBreak, ChainHead, ChainVerifier, GENESIS_HASH, JsonValue, trailHash } from './audit-trail.rules';

/** Who did what: the part of every row that comes from the operation's caller. */
export interface AuditCaller {
  /** The organisation: its chain. */
  chain: string;
  actor: string;
  actorEmail: string | null;
  actorRoles: string[];
  engagementId: string | null;
  operation: string;
  requestId: string;
}

/** One change to record, before it has its place in the chain. */
export interface AuditEntry {
  action: AuditAction;
  recordType: string | null;
  recordId: string | null;
  /** The unit of the record, lower-case (audit-trail.units.ts); null for organisation data or none known. */
  unitId?: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * Appends entries to the caller's chain through the given query runner, i.e. inside its transaction. Locking the
 * chain's head row (an upsert that returns it) serialises appends to one chain: a concurrent transaction waits until
 * this one commits or rolls back, so the chain never forks and its seq has no gaps. The lock is taken just before
 * the commit, so it is held for two statements and the commit.
 */
export async function appendToTrail(queryRunner: Pick<QueryRunner, 'query'>, caller: AuditCaller, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const [head] = (await queryRunner.query(
    `INSERT INTO audit_trail_head (chain, seq, hash) VALUES ($1, 0, $2)
     ON CONFLICT (chain) DO UPDATE SET seq = audit_trail_head.seq
     RETURNING seq::text AS seq, hash`,
    [caller.chain, GENESIS_HASH],
  )) as { seq: string; hash: string }[];
  let seq = BigInt(head!.seq); // eslint-disable-line @typescript-eslint/no-non-null-assertion
  let prevHash = head!.hash; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  const occurredAt = new Date().toISOString();
  const rows: AuditTrailRow[] = entries.map((entry) => {
    seq += 1n;
    const content: AuditTrailContent = {
      chain: caller.chain,
      seq: seq.toString(),
      occurredAt,
      requestId: caller.requestId,
      operation: caller.operation,
      action: entry.action,
      actor: caller.actor,
      actorEmail: caller.actorEmail,
      actorRoles: caller.actorRoles,
      engagementId: caller.engagementId,
      recordType: entry.recordType,
      recordId: entry.recordId,
      unitId: entry.unitId ?? null,
      before: entry.before,
      after: entry.after,
    };
    const hash = trailHash(content, prevHash);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await queryRunner.query(
    `WITH appended AS (
       INSERT INTO audit_trail (chain, seq, occurred_at, request_id, operation, action, actor, actor_email, actor_roles,
                                engagement_id, record_type, record_id, unit_id, before, after, prev_hash, hash)
       SELECT r."chain", r."seq", r."occurredAt", r."requestId", r."operation", r."action", r."actor", r."actorEmail",
              r."actorRoles", r."engagementId", r."recordType", r."recordId", r."unitId", r."before", r."after", r."prevHash", r."hash"
       FROM jsonb_to_recordset($1::jsonb) AS r("chain" text, "seq" bigint, "occurredAt" timestamptz, "requestId" text,
            "operation" text, "action" text, "actor" text, "actorEmail" text, "actorRoles" text[], "engagementId" text,
            "recordType" text, "recordId" text, "unitId" text, "before" jsonb, "after" jsonb, "prevHash" text, "hash" text)
     )
     UPDATE audit_trail_head SET seq = $3, hash = $4 WHERE chain = $2`,
    [JSON.stringify(rows), caller.chain, seq.toString(), prevHash],
  );
}

/** The columns of a trail row, as `AuditTrailRow` reads them. */
export const TRAIL_COLUMNS = `chain, seq::text AS seq, occurred_at, request_id, operation, action, actor, actor_email, actor_roles,
  engagement_id, record_type, record_id, unit_id, before, after, prev_hash, hash`;

export interface TrailDbRow {
  chain: string;
  seq: string;
  occurred_at: Date;
  request_id: string;
  operation: string;
  action: AuditAction;
  actor: string;
  actor_email: string | null;
  actor_roles: string[];
  engagement_id: string | null;
  record_type: string | null;
  record_id: string | null;
  unit_id: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  prev_hash: string;
  hash: string;
}

export function toTrailRow(row: TrailDbRow): AuditTrailRow {
  // A row without a unit has no `unitId` key at all, as it was hashed.
  const unit = row.unit_id ? { unitId: row.unit_id } : {};
  return {
    chain: row.chain,
    seq: row.seq,
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    operation: row.operation,
    action: row.action,
    actor: row.actor,
    actorEmail: row.actor_email,
    actorRoles: row.actor_roles,
    engagementId: row.engagement_id,
    recordType: row.record_type,
    recordId: row.record_id,
    ...unit,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface ChainReport {
  chain: string;
  rows: number;
  head: ChainHead | null;
  broken: ChainBreak | null;
}

const VERIFY_PAGE = 5000;

/** Recomputes every chain of one service database (any client's `query`), page by page in seq order. */
export async function verifyTrail(query: Query): Promise<ChainReport[]> {
  const chains = (await query(
    'SELECT chain FROM audit_trail_head UNION SELECT DISTINCT chain FROM audit_trail ORDER BY chain',
  )) as { chain: string }[];
  // A database whose service has not yet run the migration that stores units (AuditTrailUnit) still verifies.
  const [withUnits] = (await query(
    "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit_trail' AND column_name = 'unit_id'",
  )) as { n: number }[];
  const columns = withUnits?.n ? TRAIL_COLUMNS : TRAIL_COLUMNS.replace('unit_id,', 'NULL::text AS unit_id,');
  const reports: ChainReport[] = [];
  for (const { chain } of chains) {
    const [head] = (await query('SELECT seq::text AS seq, hash FROM audit_trail_head WHERE chain = $1', [chain])) as ChainHead[];
    const verifier = new ChainVerifier(head ?? null);
    let after = '0';
    for (;;) {
      const page = (await query(`SELECT ${columns} FROM audit_trail WHERE chain = $1 AND seq > $2 ORDER BY audit_trail.seq LIMIT ${VERIFY_PAGE}`, [chain, after])) as TrailDbRow[];
      for (const row of page) verifier.add(toTrailRow(row));
      if (page.length < VERIFY_PAGE) break;
      after = page[page.length - 1]!.seq; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    }
    reports.push({ chain, rows: verifier.rows, head: head ?? null, broken: verifier.finish() });
  }
  return reports;
}

/** What a reader asks of the trail; `from`/`to` bound `occurred_at` (the caller's grant may narrow them further). */
export interface TrailFilter {
  chain: string;
  recordId?: string | null;
  recordType?: string | null;
  actor?: string | null;
  operation?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** For an external auditor: only rows of these units and of the organisation-level kinds (audit-trail.scope.ts). */
  units?: TrailUnitFilter | null;
  first: number;
  offset: number;
}

/** Which rows an external auditor reads by unit: those of the grant's units, and organisation data auditors may read. */
export interface TrailUnitFilter {
  unitIds: readonly string[];
  organisationLevel: readonly string[];
  /** Tables whose rows auditors never read, whatever their unit. */
  internal: readonly string[];
}

/** A page of one chain, newest first, and how many rows match over all pages. */
export async function readTrail(dataSource: DataSource, filter: TrailFilter): Promise<{ rows: AuditTrailRow[]; totalCount: number }> {
  const conditions = ['chain = $1'];
  const parameters: unknown[] = [filter.chain];
  const add = (condition: (placeholder: string) => string, value: unknown): void => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (filter.recordId) add((p) => `record_id = ${p}`, filter.recordId);
  if (filter.recordType) add((p) => `record_type = ${p}`, filter.recordType);
  if (filter.actor) add((p) => `(actor = ${p} OR lower(actor_email) = lower(${p}))`, filter.actor);
  if (filter.operation) add((p) => `operation = ${p}`, filter.operation);
  if (filter.from) add((p) => `occurred_at >= ${p}`, filter.from);
  if (filter.to) add((p) => `occurred_at <= ${p}`, filter.to);
  if (filter.units) {
    parameters.push(filter.units.unitIds.map((id) => id.toLowerCase()), [...filter.units.organisationLevel], [...filter.units.internal]);
    const units = `$${parameters.length - 2}::text[]`;
    const kinds = `$${parameters.length - 1}::text[]`;
    const internal = `$${parameters.length}::text[]`;
    // COALESCE: a NULL comparison must count as not visible, or `NOT visible` below would let a row through.
    const visible = (row: string) =>
      `COALESCE(NOT (${row}.record_type = ANY(${internal})) AND (${row}.unit_id = ANY(${units}) OR (${row}.unit_id IS NULL AND ${row}.record_type = ANY(${kinds}))), false)`;
    // A record row: its unit is the grant's, or it is organisation data auditors read. A MUTATION row (the
    // operation's arguments) only when its request changed records and every one of them is visible.
    conditions.push(`(CASE WHEN t.action <> 'MUTATION' THEN ${visible('t')}
      ELSE EXISTS (SELECT 1 FROM audit_trail r WHERE r.chain = t.chain AND r.request_id = t.request_id AND r.action <> 'MUTATION')
       AND NOT EXISTS (SELECT 1 FROM audit_trail r WHERE r.chain = t.chain AND r.request_id = t.request_id AND r.action <> 'MUTATION' AND NOT ${visible('r')}) END)`);
  }
  const where = conditions.join(' AND ');
  const [counted] = (await dataSource.query(`SELECT count(*)::int AS total FROM audit_trail t WHERE ${where}`, parameters)) as { total: number }[];
  const page = parameters.length;
  const rows = (await dataSource.query(
    `SELECT ${TRAIL_COLUMNS} FROM audit_trail t WHERE ${where} ORDER BY t.seq DESC LIMIT $${page + 1} OFFSET $${page + 2}`,
    [...parameters, filter.first, filter.offset],
  )) as TrailDbRow[];
  return { rows: rows.map(toTrailRow), totalCount: counted?.total ?? 0 };
}
