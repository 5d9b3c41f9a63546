import path from 'node:path';
import { assertEvidenceCollector, CollectorContractError, EvidenceCollector } from '@iso27001/collector-kit';
import { accessLogCollector } from './builtin/access-log.collector';
import { acknowledgementReportCollector, soaReportCollector } from './builtin/documents.collector';
import { httpJsonCollector } from './builtin/http-json.collector';
import { trainingCollector } from './builtin/training.collector';

export interface RegisteredCollector {
  collector: EvidenceCollector;
  /** `built-in`, or the package it was loaded from. */
  source: string;
}

/** The collectors this service runs: its built-ins and those of the packages named in EVIDENCE_COLLECTOR_PACKAGES. */
export class CollectorRegistry {
  private readonly collectors = new Map<string, RegisteredCollector>();

  constructor(builtIns: readonly EvidenceCollector[]) {
    for (const collector of builtIns) this.add(assertEvidenceCollector(collector, `built-in collector ${collector.id}`), 'built-in');
  }

  get(id: string): RegisteredCollector | undefined {
    return this.collectors.get(id);
  }

  list(): RegisteredCollector[] {
    return [...this.collectors.values()].sort((a, b) => a.collector.id.localeCompare(b.collector.id));
  }

  add(collector: EvidenceCollector, source: string): void {
    const existing = this.collectors.get(collector.id);
    if (existing) throw new CollectorContractError(`${source} cannot register collector ${collector.id}`, [`id: already registered by ${existing.source}`]);
    this.collectors.set(collector.id, { collector, source });
  }

  /**
   * Loads each package (a package name, resolved from the working directory, or an absolute path) by dynamic import;
   * it exports a collector as `default` or `collector`, or several as `collectors`. Anything that does not meet the
   * interface is refused with what is wrong, and the service does not start with it.
   */
  async load(specifiers: readonly string[]): Promise<void> {
    for (const specifier of specifiers) {
      const source = `collector package ${specifier}`;
      let loaded: Record<string, unknown>;
      try {
        const resolved = path.isAbsolute(specifier) ? specifier : require.resolve(specifier, { paths: [process.cwd()] });
        loaded = (await import(resolved)) as Record<string, unknown>;
      } catch (error) {
        throw new CollectorContractError(`${source} could not be loaded`, [error instanceof Error ? error.message.split('\n')[0]! : String(error)]);
      }
      const exported = (loaded['collectors'] ?? (loaded['default'] as Record<string, unknown> | undefined)?.['collectors'] ?? loaded['collector'] ?? loaded['default']) as unknown;
      const candidates = Array.isArray(exported) ? exported : [exported];
      if (candidates.length === 0 || exported === undefined) throw new CollectorContractError(`${source} exports no collector`, ['export `default`, `collector` or `collectors`']);
      for (const candidate of candidates) this.add(assertEvidenceCollector(candidate, source), specifier);
    }
  }
}

export const BUILT_IN_COLLECTORS: readonly EvidenceCollector[] = [
  accessLogCollector as EvidenceCollector,
  httpJsonCollector as EvidenceCollector,
  trainingCollector as EvidenceCollector,
  soaReportCollector,
  acknowledgementReportCollector,
];

/** Splits EVIDENCE_COLLECTOR_PACKAGES (`name,name`). */
export function collectorPackagesOf(setting: string | undefined): string[] {
  return (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

interface LoadedRegistry {
  registry: CollectorRegistry;
  /** Settles once the configured packages are loaded (rejects with what is wrong with one). */
  ready: Promise<CollectorRegistry>;
}

const registries = new WeakMap<object, LoadedRegistry>();

/**
 * The registry of one running service (its settings object is the key): built-ins at once, packages loaded in the
 * background worker `collectorRegistryWorker` so a broken package stops the start with its reason.
 */
export function collectorRegistryOf(config: { EVIDENCE_COLLECTOR_PACKAGES: string }): LoadedRegistry {
  let loaded = registries.get(config);
  if (!loaded) {
    const registry = new CollectorRegistry(BUILT_IN_COLLECTORS);
    const ready = registry.load(collectorPackagesOf(config.EVIDENCE_COLLECTOR_PACKAGES)).then(() => registry);
    ready.catch(() => undefined); // reported by the worker's start
    loaded = { registry, ready };
    registries.set(config, loaded);
  }
  return loaded;
}
