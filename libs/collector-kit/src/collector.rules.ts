import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { isAnnexAControlId, isClauseRequirementId } from '@iso27001/iso27001';
import { CollectedEvidence, CollectedOutput, EvidenceCollector } from './collector.contract';

export const COLLECTOR_ID_PATTERN = /^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A problem with a collector, its configuration or what it returned; `problems` name each wrong field. */
export class CollectorContractError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(`${message}: ${problems.join('; ')}`);
    this.name = 'CollectorContractError';
  }
}

/** Whether `expression` is a 5- or 6-field cron expression; the problem otherwise. */
export function cronProblem(expression: unknown): string | null {
  if (typeof expression !== 'string' || expression.trim().split(/\s+/).length < 5 || expression.trim().split(/\s+/).length > 6) {
    return 'a cron expression of 5 fields (minute hour day month weekday) in UTC';
  }
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return null;
  } catch (error) {
    return `not a valid cron expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The next time `expression` fires after `after` (UTC). */
export function nextOccurrence(expression: string, after: Date): Date {
  return CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: after }).next().toDate();
}

/**
 * Checks that something loaded from a package really is a collector, field by field, so a broken plugin is refused
 * at start with what is wrong instead of failing at its first run.
 */
export function assertEvidenceCollector(value: unknown, source: string): EvidenceCollector {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) throw new CollectorContractError(`${source} is not an evidence collector`, ['expected an object']);
  const candidate = value as Record<string, unknown>;
  if (typeof candidate['id'] !== 'string' || !COLLECTOR_ID_PATTERN.test(candidate['id'])) problems.push('id: lower-case words joined by dots or hyphens (e.g. acme.uptime)');
  if (typeof candidate['title'] !== 'string' || candidate['title'].trim() === '') problems.push('title: a non-empty string');
  if (typeof candidate['version'] !== 'string' || !SEMVER.test(candidate['version'])) problems.push('version: a semantic version such as 1.0.0');
  const cron = cronProblem(candidate['defaultSchedule']);
  if (cron) problems.push(`defaultSchedule: ${cron}`);
  const schema = candidate['configSchema'] as { safeParse?: unknown } | undefined;
  if (!schema || typeof schema.safeParse !== 'function') problems.push('configSchema: a zod schema (an object with safeParse)');
  const controls = candidate['controls'];
  const clauses = candidate['clauses'];
  if (!Array.isArray(controls) || controls.some((id) => typeof id !== 'string' || !isAnnexAControlId(id))) {
    problems.push('controls: an array of ISO/IEC 27001:2022 Annex A control ids (e.g. A.8.15)');
  }
  if (!Array.isArray(clauses) || clauses.some((id) => typeof id !== 'string' || !isClauseRequirementId(id))) {
    problems.push('clauses: an array of clause requirement ids (e.g. 7.2)');
  }
  if (Array.isArray(controls) && Array.isArray(clauses) && controls.length + clauses.length === 0) problems.push('controls/clauses: at least one control or clause');
  if (typeof candidate['collect'] !== 'function') problems.push('collect: a function (context) => Promise<CollectedEvidence[]>');
  if (problems.length > 0) throw new CollectorContractError(`${source} is not an evidence collector`, problems);
  return value as EvidenceCollector;
}

/** Validates a configuration with the collector's schema; each problem names the field (`headers.accept: …`). */
export function parseCollectorConfig<TConfig>(collector: EvidenceCollector<TConfig>, config: unknown): TConfig {
  const parsed = collector.configSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(configuration)'}: ${issue.message}`);
  throw new CollectorContractError(`configuration of ${collector.id} is invalid`, problems);
}

/** The configuration schema as JSON Schema, for the registry's API and forms. */
export function configJsonSchema(collector: EvidenceCollector): Record<string, unknown> {
  try {
    return z.toJSONSchema(collector.configSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Checks what a run returned, so a collector cannot record malformed evidence. */
export function assertCollectedEvidence(collectorId: string, items: unknown): CollectedOutput[] {
  if (!Array.isArray(items)) throw new CollectorContractError(`${collectorId} returned no list of evidence`, ['expected an array']);
  const problems: string[] = [];
  const keys = new Set<string>();
  items.forEach((raw, index) => {
    const item = raw as (Partial<CollectedEvidence> & { document?: unknown }) | null;
    const at = `[${index}]`;
    if (!item || typeof item !== 'object') return void problems.push(`${at}: expected an object`);
    const key = item.key ?? (typeof item.document === 'string' ? item.document : 'default');
    if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(key)) problems.push(`${at}.key: lower-case letters, digits, ., _ or -`);
    else if (keys.has(key)) problems.push(`${at}.key: "${key}" returned twice`);
    else keys.add(key);
    if (item.document !== undefined) {
      if (typeof item.document !== 'string' || !/^[a-z0-9][a-z0-9-]{0,99}$/.test(item.document)) problems.push(`${at}.document: a document name such as statement-of-applicability`);
      return;
    }
    if (typeof item.title !== 'string' || item.title.trim() === '') problems.push(`${at}.title: a non-empty string`);
    if (item.payload === undefined) problems.push(`${at}.payload: JSON`);
    if (!item.assertion || typeof item.assertion.passed !== 'boolean' || typeof item.assertion.reason !== 'string' || item.assertion.reason.trim() === '') {
      problems.push(`${at}.assertion: { passed: boolean, reason: non-empty string }`);
    }
    if (!item.period || !DAY.test(String(item.period.start)) || !DAY.test(String(item.period.end)) || item.period.end < item.period.start) {
      problems.push(`${at}.period: { start, end } as YYYY-MM-DD with end not before start`);
    }
    if (!DAY.test(String(item.validUntil))) problems.push(`${at}.validUntil: YYYY-MM-DD`);
  });
  if (problems.length > 0) throw new CollectorContractError(`${collectorId} returned malformed evidence`, problems);
  return items as CollectedOutput[];
}
