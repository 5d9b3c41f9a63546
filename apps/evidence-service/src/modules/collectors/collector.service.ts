import { Access, Claims, Role } from '@iso27001/authz';
import { assertCollectedEvidence, CollectedDocument, CollectedEvidence, CollectedOutput, CollectorContractError, cronProblem, isCollectedDocument, nextOccurrence, parseCollectorConfig } from '@iso27001/collector-kit';
import { databaseUrl, EventContext, ServiceDeps, tryWithAdvisoryLock } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { GeneratedDocumentService } from '../documents/generated-document.service';
import { EvidenceItemService } from '../evidence/evidence-item.service';
import { collectorErrors } from './collector.errors';
import { collectorHost } from './collector.host';
import { CollectorRegistry, RegisteredCollector } from './collector.registry';
import { CollectorConfigurationEntity, CollectorEvidenceEntity, CollectorRunEntity, CollectorRunOutcome, CollectorRunTrigger } from './collector-configuration.entity';
import { ConfigureCollectorInput } from './collector.input';

export interface CollectorCaller {
  claims: Claims;
  access: Access;
}

export interface CollectorRunPage {
  nodes: CollectorRunEntity[];
  totalCount: number;
}

/** The actor a collector's evidence and events name: the collector, never a person (so any manager may review it). */
export function collectorActor(collectorId: string): string {
  return `collector:${collectorId}`;
}

function problemText(error: unknown): string {
  if (error instanceof CollectorContractError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0]!.slice(0, 2000);
  return String(error).slice(0, 2000);
}

/**
 * Collector configurations and runs. A run records what the collector brings as evidence like any other: each item a
 * new RECORD version of the evidence item the configuration keeps for that key (created on the first run), hashed,
 * mapped to the collector's controls and clauses, source COLLECTOR, awaiting review. A payload unchanged since the
 * previous run is still a new, dated version, so the evidence's validity renews and its freshness shows the check ran.
 */
export class CollectorService {
  private readonly evidence: EvidenceItemService;
  private readonly host: Readonly<Record<string, unknown>>;

  constructor(
    private readonly deps: ServiceDeps<EvidenceConfig>,
    private readonly registry: CollectorRegistry,
  ) {
    this.evidence = new EvidenceItemService(deps);
    this.host = collectorHost(deps.dataSource, {
      allowPrivateNetwork: deps.config.EVIDENCE_HTTP_COLLECTOR_ALLOW_PRIVATE,
      gatewayUrl: deps.config.EVIDENCE_GATEWAY_URL,
      secret: deps.config.CLAIMS_SECRET,
    });
  }

  collectors(): RegisteredCollector[] {
    return this.registry.list();
  }

  configurations(organisationId: string, collectorId?: string | null): Promise<CollectorConfigurationEntity[]> {
    return this.deps.dataSource
      .getRepository(CollectorConfigurationEntity)
      .find({ where: { organisationId, ...(collectorId ? { collectorId } : {}) }, order: { collectorId: 'ASC', name: 'ASC' } });
  }

  async runs(organisationId: string, filter: { collectorId: string; configurationId?: string | null }, page: { first: number; offset: number }): Promise<CollectorRunPage> {
    const [nodes, totalCount] = await this.deps.dataSource.getRepository(CollectorRunEntity).findAndCount({
      where: { organisationId, collectorId: filter.collectorId, ...(filter.configurationId ? { configurationId: filter.configurationId } : {}) },
      order: { startedAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.first,
    });
    return { nodes, totalCount };
  }

  /** Creates a configuration (no id) or changes one; the settings are validated by the collector's own schema. */
  async configure(input: ConfigureCollectorInput, caller: CollectorCaller, context: EventContext): Promise<CollectorConfigurationEntity> {
    const registered = this.registry.get(input.collectorId);
    if (!registered) throw collectorErrors.raise('UNKNOWN_COLLECTOR', `no collector ${input.collectorId} is installed; installed: ${this.registry.list().map((entry) => entry.collector.id).join(', ')}`);
    const { collector } = registered;
    let raw: unknown;
    try {
      raw = input.config === undefined || input.config === null ? {} : JSON.parse(input.config);
    } catch {
      throw collectorErrors.raise('COLLECTOR_CONFIG_INVALID', `configuration of ${collector.id} is invalid: config: not JSON`);
    }
    let config: unknown;
    try {
      config = parseCollectorConfig(collector, raw);
    } catch (error) {
      throw collectorErrors.raise('COLLECTOR_CONFIG_INVALID', problemText(error), { problems: error instanceof CollectorContractError ? [...error.problems] : [] });
    }
    const schedule = input.schedule?.trim() || collector.defaultSchedule;
    const cron = cronProblem(schedule);
    if (cron) throw collectorErrors.raise('SCHEDULE_INVALID', `schedule "${schedule}": ${cron}`);
    const unitId = input.unitId.toLowerCase();
    const [unit] = await this.deps.dataSource.query('SELECT 1 FROM unit_replica WHERE organisation_id = $1 AND unit_id = $2 AND active', [context.organisationId, unitId]);
    if (!unit) throw collectorErrors.raise('UNKNOWN_UNIT', `unit ${unitId} is not an active unit of this organisation`);
    const enabled = input.enabled ?? true;
    const now = new Date();
    const name = input.name?.trim() || collector.title;
    return this.deps.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CollectorConfigurationEntity);
      let row: CollectorConfigurationEntity | null = null;
      if (input.id) {
        row = await repository.findOne({ where: { id: input.id, organisationId: context.organisationId }, lock: { mode: 'pessimistic_write' } });
        if (!row || row.collectorId !== collector.id) throw collectorErrors.raise('CONFIGURATION_NOT_FOUND', `collector configuration ${input.id} of ${collector.id} does not exist`);
      }
      const clash = await repository.findOne({ where: { organisationId: context.organisationId, collectorId: collector.id, name } });
      if (clash && clash.id !== row?.id) throw collectorErrors.raise('CONFIGURATION_EXISTS', `${collector.id} already has a configuration named "${name}": change that one or choose another name`);
      const scheduleChanged = !row || row.schedule !== schedule || !row.enabled;
      return repository.save(
        repository.create({
          ...(row ?? { organisationId: context.organisationId, collectorId: collector.id, createdAt: now }),
          name,
          unitId,
          enabled,
          schedule,
          config: config as Record<string, unknown>,
          nextRunAt: enabled ? (scheduleChanged || !row?.nextRunAt ? nextOccurrence(schedule, now) : row.nextRunAt) : null,
          configuredBy: caller.claims.sub,
          updatedAt: now,
        }),
      );
    });
  }

  /** Runs one configuration now (ISMS manager's "run now"), whether or not it is enabled. */
  async runNow(configurationId: string, caller: CollectorCaller): Promise<CollectorRunEntity> {
    const configuration = await this.deps.dataSource.getRepository(CollectorConfigurationEntity).findOne({ where: { id: configurationId, organisationId: caller.claims.organisationId } });
    if (!configuration) throw collectorErrors.raise('CONFIGURATION_NOT_FOUND', `collector configuration ${configurationId} does not exist`);
    const run = await this.run(configuration, 'MANUAL', caller.claims.sub);
    if (!run) throw collectorErrors.raise('COLLECTOR_RUNNING', `"${configuration.name}" is running: wait for that run to finish`);
    return run;
  }

  /**
   * The dispatcher: every enabled configuration due by `asOf` is claimed (its next occurrence set, rows locked with
   * SKIP LOCKED so replicas never take the same one) and run. Returns the runs.
   */
  async dispatch(asOf: Date): Promise<CollectorRunEntity[]> {
    const due = await this.deps.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(CollectorConfigurationEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where('c.enabled AND c.next_run_at <= :asOf', { asOf })
        .orderBy('c.next_run_at', 'ASC')
        .limit(100)
        .getMany();
      for (const row of rows) {
        row.nextRunAt = nextOccurrence(row.schedule, asOf);
        await manager.update(CollectorConfigurationEntity, { id: row.id }, { nextRunAt: row.nextRunAt });
      }
      return rows;
    });
    const runs: CollectorRunEntity[] = [];
    for (const configuration of due) {
      const run = await this.run(configuration, 'SCHEDULE', 'system:collector-schedule');
      if (run) runs.push(run); // null: a run of it was already in progress (started by hand), which stands for this one
    }
    return runs;
  }

  /**
   * One run at a time per configuration, across requests and replicas (a session advisory lock held for the run):
   * null when another run holds it. A run left RUNNING by a process that stopped is closed as FAILED first.
   */
  private async run(configuration: CollectorConfigurationEntity, trigger: CollectorRunTrigger, startedBy: string): Promise<CollectorRunEntity | null> {
    let result: CollectorRunEntity | null = null;
    const url = databaseUrl(this.deps.config.DATABASE_URL, this.deps.config.DATABASE_NAME);
    await tryWithAdvisoryLock(url, `collector-run:${configuration.id}`, async () => {
      await this.deps.dataSource
        .getRepository(CollectorRunEntity)
        .update({ configurationId: configuration.id, outcome: 'RUNNING' }, { outcome: 'FAILED', reason: 'interrupted: the service stopped during the run', finishedAt: new Date() });
      result = await this.runLocked(configuration, trigger, startedBy);
    });
    return result;
  }

  private async runLocked(configuration: CollectorConfigurationEntity, trigger: CollectorRunTrigger, startedBy: string): Promise<CollectorRunEntity> {
    const registered = this.registry.get(configuration.collectorId);
    const runs = this.deps.dataSource.getRepository(CollectorRunEntity);
    const started = await runs.save(
      runs.create({
        organisationId: configuration.organisationId,
        configurationId: configuration.id,
        collectorId: configuration.collectorId,
        collectorVersion: registered?.collector.version ?? 'unknown',
        trigger,
        startedBy,
        startedAt: new Date(),
        finishedAt: null,
        outcome: 'RUNNING',
        reason: null,
        itemsProduced: 0,
        evidenceIds: [],
      }),
    );
    const finish = (outcome: CollectorRunOutcome, reason: string | null, evidenceIds: string[]) =>
      runs.save(Object.assign(started, { outcome, reason, evidenceIds, itemsProduced: evidenceIds.length, finishedAt: new Date() }));
    if (!registered) return finish('FAILED', `collector ${configuration.collectorId} is no longer installed`, []);
    const { collector } = registered;
    let items: CollectedOutput[];
    const abort = new AbortController();
    const timeoutMs = this.deps.config.EVIDENCE_COLLECTOR_TIMEOUT_SECONDS * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const config = parseCollectorConfig(collector, configuration.config);
      const lastSucceeded = await runs.findOne({ where: { configurationId: configuration.id, outcome: 'SUCCEEDED' }, order: { startedAt: 'DESC' } });
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new Error(`the run took longer than ${timeoutMs / 1000} s and was stopped`));
        }, timeoutMs);
      });
      const collected = collector.collect({
        organisationId: configuration.organisationId,
        unitId: configuration.unitId,
        config,
        now: new Date(),
        lastSucceededAt: lastSucceeded?.startedAt ?? null,
        signal: abort.signal,
        host: this.host,
      });
      items = assertCollectedEvidence(collector.id, await Promise.race([collected, timeout]));
    } catch (error) {
      this.deps.logger.warn({ collector: collector.id, configuration: configuration.id, reason: problemText(error) }, 'collector run failed');
      return finish('FAILED', problemText(error), []);
    } finally {
      clearTimeout(timer);
    }
    if (items.length === 0) return finish('SUCCEEDED', 'the collector found nothing to record', []);
    const recorded: string[] = [];
    const problems: string[] = [];
    const notes: string[] = [];
    for (const item of items) {
      try {
        if (isCollectedDocument(item)) {
          const outcome = await this.generate(configuration, registered, item, started.id);
          if (outcome.evidenceId) recorded.push(outcome.evidenceId);
          if (outcome.note) notes.push(outcome.note);
        } else {
          recorded.push(await this.record(configuration, registered, item, started.id));
        }
      } catch (error) {
        problems.push(`${item.key ?? (isCollectedDocument(item) ? item.document : 'default')}: ${problemText(error)}`);
      }
    }
    if (problems.length === 0) return finish('SUCCEEDED', notes.length > 0 ? notes.join('; ') : null, recorded);
    return finish(recorded.length > 0 ? 'PARTIAL' : 'FAILED', `${problems.length} of ${items.length} items not recorded: ${problems.join('; ')}`, recorded);
  }

  /** One collected item → a new version of the configuration's evidence item for its key (the item on the first run). */
  private async record(configuration: CollectorConfigurationEntity, registered: RegisteredCollector, item: CollectedEvidence, runId: string): Promise<string> {
    const { collector } = registered;
    const key = item.key ?? 'default';
    const actor = collectorActor(collector.id);
    const claims: Claims = { sub: actor, organisationId: configuration.organisationId, email: 'collector@evidence.invalid', name: collector.title, roles: [Role.Admin], unitIds: [], groups: [] };
    const caller = { claims, access: { personId: null, roles: [Role.Admin], organisationWide: true, unitIds: [] } as Access };
    const context: EventContext = { organisationId: configuration.organisationId, actor, correlationId: runId, causationId: null };
    const payload = JSON.stringify({ collector: { id: collector.id, version: collector.version }, assertion: item.assertion, data: item.payload });
    const content = { kind: 'RECORD', payload, assertionPassed: item.assertion.passed } as never;
    const dates = { periodStart: item.period.start, periodEnd: item.period.end, validUntil: item.validUntil };
    const description = item.description ?? `Collected by ${collector.title} (${collector.id}); each version's payload holds its assertion and reason.`;
    const existing = await this.keptItem(configuration, key, actor, item.title);
    if (existing) {
      const { item: saved } = await this.evidence.addVersion({ evidenceId: existing, content, ...dates } as never, caller, context);
      return saved.id;
    }
    const { item: added } = await this.evidence.add(
      { title: item.title, description, unitId: configuration.unitId, source: 'COLLECTOR', controlIds: [...collector.controls], clauses: [...collector.clauses], content, ...dates } as never,
      caller,
      context,
    );
    await this.deps.dataSource.getRepository(CollectorEvidenceEntity).insert({ configurationId: configuration.id, key, organisationId: configuration.organisationId, evidenceId: added.id });
    return added.id;
  }

  /**
   * A platform document through the documents facility: a new GENERATED version when its bytes changed, nothing when
   * they did not (noted on the run), and a problem when its source holds no data for it yet.
   */
  private async generate(configuration: CollectorConfigurationEntity, registered: RegisteredCollector, item: CollectedDocument, runId: string): Promise<{ evidenceId: string | null; note: string | null }> {
    const actor = collectorActor(registered.collector.id);
    const context: EventContext = { organisationId: configuration.organisationId, actor, correlationId: runId, causationId: null };
    const result = await new GeneratedDocumentService(this.deps).generateDocument(item.document, { sub: actor, organisationId: configuration.organisationId }, context);
    switch (result.outcome) {
      case 'CREATED':
      case 'NEW_VERSION':
        return { evidenceId: result.evidenceId, note: null };
      case 'UNCHANGED':
        return { evidenceId: null, note: `${item.document} unchanged since version ${result.versionNumber} (evidence ${result.evidenceId})` };
      default:
        throw new Error(`there is no data for ${item.document} yet`);
    }
  }

  /**
   * The item a configuration keeps for a key. Should a first run have stopped between recording the item and linking
   * it, the unlinked item it recorded (same collector, unit and title) is adopted rather than a second one made.
   */
  private async keptItem(configuration: CollectorConfigurationEntity, key: string, actor: string, title: string): Promise<string | null> {
    const repository = this.deps.dataSource.getRepository(CollectorEvidenceEntity);
    const kept = await repository.findOne({ where: { configurationId: configuration.id, key } });
    if (kept) return kept.evidenceId;
    const [orphan]: { id: string }[] = await this.deps.dataSource.query(
      `SELECT e.id FROM evidence_item e
        WHERE e.organisation_id = $1 AND e.source = 'COLLECTOR' AND e.collected_by = $2 AND e.unit_id = $3 AND e.title = $4
          AND NOT EXISTS (SELECT 1 FROM collector_evidence c WHERE c.evidence_id = e.id)
        ORDER BY e.created_at LIMIT 1`,
      [configuration.organisationId, actor, configuration.unitId, title.trim()],
    );
    if (!orphan) return null;
    await repository.insert({ configurationId: configuration.id, key, organisationId: configuration.organisationId, evidenceId: orphan.id });
    return orphan.id;
  }
}
