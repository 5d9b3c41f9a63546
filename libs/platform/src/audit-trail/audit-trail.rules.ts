import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A JSON value as PostgreSQL's jsonb keeps it: what a row's `before` and `after` hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `MUTATION`: the operation itself (its arguments); the others: one record it inserted, updated or deleted. */
export type AuditAction = 'MUTATION' | 'INSERT' | 'UPDATE' | 'DELETE';

/** What a trail row says, everything the hash covers but the link to the row before. */
export interface AuditTrailContent {
  /** One chain per organisation in each service database. */
  chain: string;
  /** 1, 2, 3, … without gaps in its chain (a string: bigint in the database). */
  seq: string;
  /** ISO 8601 with milliseconds, as stored. */
  occurredAt: string;
  requestId: string;
  /** The GraphQL mutation field, e.g. `updateRisk`. */
  operation: string;
  action: AuditAction;
  /** The caller's `sub`. */
  actor: string;
  actorEmail: string | null;
  actorRoles: string[];
  /** Set when the caller is an external auditor working under a grant. */
  engagementId: string | null;
  /** The table of the record (null for a MUTATION row). */
  recordType: string | null;
  recordId: string | null;
  /**
   * The unit of the record (lower-case), or of every record of a MUTATION row when they share one; null for
   * organisation data and for rows written before units were stored. Covered by the hash when set.
   */
  unitId?: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
}

export interface AuditTrailRow extends AuditTrailContent {
  prevHash: string;
  hash: string;
}

/** The `prev_hash` of a chain's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Values larger than this (serialised) are kept as their length and digest, not in full (uploaded files, long texts). */
export const MAX_SNAPSHOT_CHARS = 16_384;

/**
 * SHA-256 over the RFC 8785 canonical JSON of the row's content and the hash of the row before: stable key order and
 * number form, so the hash recomputed from the stored row (jsonb reorders keys) equals the one written.
 */
export function trailHash(content: AuditTrailContent, prevHash: string): string {
  // A row without a unit hashes without the key, exactly as rows did before units were stored: old chains still verify.
  const canonical = canonicalize({ ...content, unitId: content.unitId ?? undefined, prevHash });
  if (canonical === undefined) throw new Error('audit trail content cannot be serialised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function digest(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A value as JSON the way jsonb will give it back: dates as ISO strings, bytes as their length and digest, bigints as
 * strings, NUL characters (which jsonb refuses) replaced, undefined and functions left out. Deterministic, so the
 * hash of the snapshot is the hash of the stored value.
 */
export function jsonSnapshot(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD');
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return { bytes: value.byteLength, sha256: digest(value) };
  if (depth > 8) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => jsonSnapshot(item, depth + 1));
  if (typeof value === 'object') {
    const result: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      result[key.replaceAll('\u0000', '\uFFFD')] = jsonSnapshot(item, depth + 1);
    }
    return result;
  }
  return null;
}

/** A snapshot bounded in size: one too large is kept as `{ truncated, chars, sha256 }`, still tamper-evident. */
export function boundedSnapshot(value: unknown): JsonValue {
  const snapshot = jsonSnapshot(value);
  const text = JSON.stringify(snapshot);
  if (text.length <= MAX_SNAPSHOT_CHARS) return snapshot;
  return { truncated: true, chars: text.length, sha256: digest(text) };
}

/** Why a chain does not hold: a row changed in place, a row that the writer did not write, or a row missing. */
export type ChainBreakReason = 'edited' | 'inserted' | 'removed';

export interface ChainBreak {
  seq: string;
  reason: ChainBreakReason;
  detail: string;
}

export interface ChainHead {
  seq: string;
  hash: string;
}

function withSeq(row: AuditTrailRow, seq: bigint): AuditTrailContent {
  return { ...contentOf(row), seq: seq.toString() };
}

export function contentOf(row: AuditTrailRow): AuditTrailContent {
  const { prevHash: _prevHash, hash: _hash, ...content } = row;
  return content;
}

/**
 * Recomputes one chain row by row, in seq order (so a chain of any length is checked page by page), and reports the
 * first break: a gap in seq is a removed row; a row whose hash no longer matches its content was edited, unless it
 * matches at the seq before (rows shifted up: one was inserted before it) or after (shifted down: one was removed);
 * a row whose content matches but whose link does not was inserted. `finish` compares the end of the chain with its
 * head (the last seq and hash the writer recorded): rows beyond it were inserted, a head beyond them means the tail
 * was removed.
 */
export class ChainVerifier {
  private expected = 1n;
  private prevHash = GENESIS_HASH;
  private firstBreak: ChainBreak | null = null;
  rows = 0;

  constructor(private readonly head: ChainHead | null) {}

  get broken(): ChainBreak | null {
    return this.firstBreak;
  }

  /** Checks the next row; returns the break once one is found (later rows are then only counted). */
  add(row: AuditTrailRow): ChainBreak | null {
    this.rows += 1;
    this.firstBreak ??= this.check(row);
    return this.firstBreak;
  }

  finish(): ChainBreak | null {
    if (this.firstBreak) return this.firstBreak;
    const last = this.expected - 1n;
    if (!this.head) {
      if (this.rows > 0) this.firstBreak = { seq: '1', reason: 'inserted', detail: 'rows exist but the chain has no head: the writer never wrote them' };
    } else if (BigInt(this.head.seq) > last) {
      this.firstBreak = { seq: (last + 1n).toString(), reason: 'removed', detail: `the chain ends at ${last} but its head is at ${this.head.seq}: the tail was removed` };
    } else if (this.head.hash !== this.prevHash) {
      this.firstBreak = { seq: last.toString(), reason: 'edited', detail: `row ${last} is not the one the head recorded` };
    }
    return this.firstBreak;
  }

  private check(row: AuditTrailRow): ChainBreak | null {
    const seq = BigInt(row.seq);
    if (seq > this.expected) {
      return { seq: this.expected.toString(), reason: 'removed', detail: `rows ${this.expected}–${seq - 1n} are missing before row ${row.seq}` };
    }
    if (trailHash(contentOf(row), row.prevHash) !== row.hash) {
      if (trailHash(withSeq(row, seq - 1n), row.prevHash) === row.hash) {
        return { seq: (seq - 1n).toString(), reason: 'inserted', detail: `row ${row.seq} was written as ${seq - 1n}: a row was inserted before it` };
      }
      if (trailHash(withSeq(row, seq + 1n), row.prevHash) === row.hash) {
        return { seq: row.seq, reason: 'removed', detail: `row ${row.seq} was written as ${seq + 1n}: a row was removed before it` };
      }
      return { seq: row.seq, reason: 'edited', detail: `row ${row.seq} no longer matches its hash` };
    }
    if (row.prevHash !== this.prevHash) {
      return { seq: row.seq, reason: 'inserted', detail: `row ${row.seq} does not link to the row before it` };
    }
    if (this.head && seq > BigInt(this.head.seq)) {
      return { seq: row.seq, reason: 'inserted', detail: `row ${row.seq} lies beyond the chain's head (${this.head.seq}): the writer never wrote it` };
    }
    this.prevHash = row.hash;
    this.expected = seq + 1n;
    return null;
  }
}

/** Checks a whole chain held in memory (see ChainVerifier). */
export function verifyChain(rows: readonly AuditTrailRow[], head: ChainHead | null): ChainBreak | null {
  const verifier = new ChainVerifier(head);
  for (const row of rows) if (verifier.add(row)) break;
  return verifier.finish();
}
