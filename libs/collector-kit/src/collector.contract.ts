import { z } from 'zod';

/** JSON a collector may put in its evidence payload. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Whether what the collector looked at meets the control's expectation, and why (shown to the reviewer). */
export interface CollectedAssertion {
  passed: boolean;
  reason: string;
}

/**
 * One piece of evidence a run brings. The host records it as a new version of the evidence item the collector keeps
 * for this key in the configured unit (RECORD kind: the payload hashed over canonical JSON), mapped to the
 * collector's controls and clauses, source COLLECTOR.
 */
export interface CollectedEvidence {
  /** Distinguishes several items one collector keeps (e.g. `completions`, `acknowledgements`); default `default`. */
  key?: string;
  title: string;
  description?: string;
  payload: JsonValue;
  assertion: CollectedAssertion;
  /** `YYYY-MM-DD` first and last day the evidence covers. */
  period: { start: string; end: string };
  /** `YYYY-MM-DD` after which the evidence no longer counts. */
  validUntil: string;
}

/**
 * A document the platform renders from data it holds (the Statement of Applicability, the policy acknowledgement
 * report): the host asks the service that owns the data for it and keeps it as GENERATED evidence (a PDF with its
 * provenance). Only hosts that offer platform documents accept it.
 */
export interface CollectedDocument {
  key?: string;
  /** The document's name, as the platform's document sources serve it (e.g. `statement-of-applicability`). */
  document: string;
}

/** What a run may return: records the collector assembled, or platform documents to generate. */
export type CollectedOutput = CollectedEvidence | CollectedDocument;

/** Whether an output is a platform document rather than a record. */
export function isCollectedDocument(output: CollectedOutput): output is CollectedDocument {
  return typeof (output as CollectedDocument).document === 'string';
}

/** What the host gives a run. */
export interface CollectorContext<TConfig> {
  organisationId: string;
  /** The unit (department) the configuration records its evidence in. */
  unitId: string;
  /** The configuration, already validated by the collector's schema. */
  config: TConfig;
  /** The time the run counts as taking place at (UTC). */
  now: Date;
  /** When the previous successful run of this configuration started, if any. */
  lastSucceededAt: Date | null;
  /** Aborted when the run times out or the service stops. */
  signal: AbortSignal;
  /**
   * Host capabilities a built-in collector may ask for by name (e.g. the training replica). A packaged collector
   * should rely only on `config` and its own I/O.
   */
  host: Readonly<Record<string, unknown>>;
}

/**
 * A collector: a plugin that gathers evidence on a schedule. A package exports one (as `default` or `collector`) or
 * several (as `collectors`); the host checks each against this shape before it registers it.
 */
export interface EvidenceCollector<TConfig = unknown> {
  /** Stable id, lower-case words with dots or hyphens (`gateway.access-log`, `acme.uptime`). */
  id: string;
  title: string;
  description?: string;
  /** The collector's own version (semver), recorded with each run. */
  version: string;
  /** Cron expression in UTC (5 fields) used when a configuration names no schedule of its own. */
  defaultSchedule: string;
  /** Validates the configuration; a bad one is refused with the path of each wrong field. */
  configSchema: z.ZodType<TConfig>;
  /** Annex A controls (`A.8.15`) and clause requirements (`7.2`) its evidence supports. */
  controls: readonly string[];
  clauses: readonly string[];
  collect(context: CollectorContext<TConfig>): Promise<CollectedOutput[]>;
}

/** Identity helper giving a collector's object its types. */
export function defineCollector<TConfig>(collector: EvidenceCollector<TConfig>): EvidenceCollector<TConfig> {
  return collector;
}
