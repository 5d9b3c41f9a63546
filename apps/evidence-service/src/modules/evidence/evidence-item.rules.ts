import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { isAnnexAControlId, isClauseRequirementId } from '@iso27001/iso27001';
import { evidenceItemErrors } from './evidence-item.errors';

/** The largest collector payload accepted, in bytes of its canonical JSON (RFC 8785): a record, not a file. */
export const MAX_RECORD_BYTES = 256 * 1024;

/** The longest link accepted. */
export const MAX_URL_LENGTH = 2048;

/** The longest provenance document of generated evidence, in bytes of its canonical JSON. */
export const MAX_PROVENANCE_BYTES = 64 * 1024;

/** Clock skew tolerated between the caller and this service for "collected at". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The mappings of an item: sorted, without duplicates; every id checked against the catalogue. */
export function normaliseMappings(controlIds: readonly string[] = [], clauses: readonly string[] = []): { controlIds: string[]; clauses: string[] } {
  const controls = [...new Set(controlIds.map((id) => id.trim()))].sort();
  const unknownControls = controls.filter((id) => !isAnnexAControlId(id));
  if (unknownControls.length > 0) {
    throw evidenceItemErrors.raise('UNKNOWN_CONTROL', `${unknownControls.join(', ')} ${unknownControls.length === 1 ? 'is not a control' : 'are not controls'} of ISO/IEC 27001:2022 Annex A`);
  }
  const requirements = [...new Set(clauses.map((id) => id.trim()))].sort();
  const unknownClauses = requirements.filter((id) => !isClauseRequirementId(id));
  if (unknownClauses.length > 0) {
    throw evidenceItemErrors.raise(
      'UNKNOWN_CLAUSE',
      `${unknownClauses.join(', ')} ${unknownClauses.length === 1 ? 'is not a clause requirement' : 'are not clause requirements'} of ISO/IEC 27001:2022 (4.1 to 10.2, e.g. 9.2.2)`,
    );
  }
  return { controlIds: controls, clauses: requirements };
}

/** Refuses an item that supports nothing. */
export function assertMapped(mappings: { controlIds: readonly string[]; clauses: readonly string[] }): void {
  if (mappings.controlIds.length + mappings.clauses.length === 0) {
    throw evidenceItemErrors.raise('MAPPING_REQUIRED', 'evidence must be mapped to at least one Annex A control or clause requirement (controlIds or clauses)');
  }
}

export interface EvidenceDates {
  effectiveDate: string;
  periodStart: string | null;
  periodEnd: string | null;
  validUntil: string | null;
}

/** The dates of an item must be in order: a period ends on or after it starts; validity ends on or after the item takes effect. */
export function assertDatesInOrder(dates: EvidenceDates): void {
  if (dates.periodStart && dates.periodEnd && dates.periodEnd < dates.periodStart) {
    throw evidenceItemErrors.raise('PERIOD_END_BEFORE_START', `periodEnd (${dates.periodEnd}) must not be before periodStart (${dates.periodStart})`);
  }
  if (dates.validUntil && dates.validUntil < dates.effectiveDate) {
    throw evidenceItemErrors.raise('VALID_UNTIL_BEFORE_EFFECTIVE', `validUntil (${dates.validUntil}) must not be before the effective date (${dates.effectiveDate})`);
  }
}

/** Refuses a collection time in the future (beyond the tolerated clock skew). */
export function assertNotInFuture(collectedAt: Date, now: Date): void {
  if (collectedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw evidenceItemErrors.raise('COLLECTED_IN_FUTURE', `collectedAt ${collectedAt.toISOString()} is in the future`);
  }
}

/** A link that is evidence: an absolute https address with a host and no credentials in it. */
export function validLink(raw: string): string {
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) throw evidenceItemErrors.raise('LINK_NOT_HTTPS', `url is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw evidenceItemErrors.raise('LINK_NOT_HTTPS', 'url must be an absolute https address such as https://wiki.example.com/page');
  }
  if (url.protocol !== 'https:') throw evidenceItemErrors.raise('LINK_NOT_HTTPS', `url must use https, not ${url.protocol.replace(/:$/, '')}`);
  if (!url.hostname) throw evidenceItemErrors.raise('LINK_NOT_HTTPS', 'url must name a host');
  if (url.username || url.password) throw evidenceItemErrors.raise('LINK_NOT_HTTPS', 'url must not carry a user name or password');
  return url.toString();
}

/** A JSON document given as text, parsed and put in canonical form (RFC 8785), within a size limit. */
export function canonicalJson(text: string, what: 'payload' | 'provenance', maxBytes: number): { value: unknown; canonical: string } {
  // The text is measured before parsing so that an oversized document is never parsed.
  if (Buffer.byteLength(text, 'utf8') > maxBytes * 4) throw tooLarge(what, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw evidenceItemErrors.raise('RECORD_INVALID_JSON', `${what} must be a JSON document`);
  }
  if (value === null || typeof value !== 'object') throw evidenceItemErrors.raise('RECORD_INVALID_JSON', `${what} must be a JSON object or array`);
  const canonical = canonicalize(value);
  if (canonical === undefined) throw evidenceItemErrors.raise('RECORD_INVALID_JSON', `${what} must be a JSON document`);
  if (Buffer.byteLength(canonical, 'utf8') > maxBytes) throw tooLarge(what, maxBytes);
  return { value, canonical };
}

function tooLarge(what: string, maxBytes: number) {
  return evidenceItemErrors.raise('RECORD_TOO_LARGE', `${what} is larger than ${maxBytes / 1024} KiB of canonical JSON; store it as a file instead`);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The day (UTC, `YYYY-MM-DD`) of an instant. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The span an item covers, for an external auditor's grant period: its period when given, else the day it takes
 * effect. An item overlaps a grant when that span and the grant's period share a day.
 */
export function coveredSpan(item: { effectiveDate: string; periodStart: string | null; periodEnd: string | null }): { start: string; end: string } {
  const start = item.periodStart ?? item.effectiveDate;
  return { start, end: item.periodEnd ?? start };
}
