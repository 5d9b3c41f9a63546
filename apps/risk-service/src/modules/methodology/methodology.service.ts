import { EntityManager } from 'typeorm';
import { RiskMethodologyPublished } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { MethodologyEntity } from './methodology.entity';
import { methodologyErrors } from './methodology.errors';
import { PublishMethodologyInput } from './methodology.input';
import { assess, Assessed, defaultMethodology, matrixFromCells, Methodology, MethodologyDefinition, MethodologyProblem, validateMethodology } from './methodology.logic';
import { toMethodology, toMethodologyEventData } from './methodology.mapper';

/** Published versions never change, so they are cached per process by organisation and version. */
const versions = new Map<string, Methodology>();

/** Turns a pure-logic problem into this module's coded error. */
export function asDomainError(error: unknown): unknown {
  return error instanceof MethodologyProblem ? methodologyErrors.raise(error.code, error.message, error.details) : error;
}

export function assessOrRaise(methodology: Methodology, likelihood: number, impact: number): Assessed {
  try {
    return assess(methodology, likelihood, impact);
  } catch (error) {
    throw asDomainError(error);
  }
}

export class MethodologyService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Serialises methodology changes of one organisation (a transaction-scoped advisory lock). */
  private async lock(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('risk_methodology:' || $1))", [organisationId]);
  }

  /**
   * The organisation's latest version inside the caller's transaction; creates the default 5×5 version 1 on
   * first use (recording its event), so every organisation has a methodology before its first risk.
   */
  async current(manager: EntityManager, organisationId: string, context: EventContext): Promise<{ entity: MethodologyEntity; methodology: Methodology }> {
    const existing = await this.latestEntity(manager, organisationId);
    if (existing) return { entity: existing, methodology: this.cache(organisationId, existing) };
    await this.lock(manager, organisationId);
    const again = await this.latestEntity(manager, organisationId);
    if (again) return { entity: again, methodology: this.cache(organisationId, again) };
    const definition = defaultMethodology();
    const entity = await manager.save(
      manager.create(MethodologyEntity, {
        organisationId,
        version: 1,
        likelihood: definition.likelihood,
        impact: definition.impact,
        levels: definition.levels,
        matrix: definition.matrix,
        appetite: definition.appetite,
        notes: 'Default 5×5 methodology, created on first use',
        publishedBy: context.actor,
      }),
    );
    await this.deps.outbox.record(manager, RiskMethodologyPublished, entity.id, toMethodologyEventData(entity), context);
    return { entity, methodology: this.cache(organisationId, entity) };
  }

  /** For reads: the latest version, creating the default in its own transaction when there is none yet. */
  async currentForRead(organisationId: string, context: EventContext): Promise<{ entity: MethodologyEntity; methodology: Methodology }> {
    const existing = await this.latestEntity(this.deps.dataSource.manager, organisationId);
    if (existing) return { entity: existing, methodology: this.cache(organisationId, existing) };
    return this.deps.dataSource.transaction((manager) => this.current(manager, organisationId, context));
  }

  private latestEntity(manager: EntityManager, organisationId: string): Promise<MethodologyEntity | null> {
    return manager.getRepository(MethodologyEntity).findOne({ where: { organisationId }, order: { version: 'DESC' } });
  }

  private cache(organisationId: string, entity: MethodologyEntity): Methodology {
    const key = `${organisationId}:${entity.version}`;
    let methodology = versions.get(key);
    if (!methodology) {
      methodology = toMethodology(entity);
      versions.set(key, methodology);
    }
    return methodology;
  }

  /** Several versions at once (one query for the ones not cached). */
  async versions(manager: EntityManager, organisationId: string, wanted: readonly number[]): Promise<Map<number, Methodology>> {
    const result = new Map<number, Methodology>();
    const missing: number[] = [];
    for (const version of new Set(wanted)) {
      const cached = versions.get(`${organisationId}:${version}`);
      if (cached) result.set(version, cached);
      else missing.push(version);
    }
    if (missing.length > 0) {
      const rows = await manager.getRepository(MethodologyEntity).createQueryBuilder('m').where('m.organisation_id = :organisationId AND m.version IN (:...missing)', { organisationId, missing }).getMany();
      for (const row of rows) result.set(row.version, this.cache(organisationId, row));
    }
    return result;
  }

  async version(manager: EntityManager, organisationId: string, version: number): Promise<Methodology> {
    const found = (await this.versions(manager, organisationId, [version])).get(version);
    if (!found) throw methodologyErrors.raise('METHODOLOGY_VERSION_NOT_FOUND', `methodology v${version} does not exist`);
    return found;
  }

  list(organisationId: string): Promise<MethodologyEntity[]> {
    return this.deps.dataSource.getRepository(MethodologyEntity).find({ where: { organisationId }, order: { version: 'DESC' } });
  }

  entityByVersion(organisationId: string, version: number): Promise<MethodologyEntity | null> {
    return this.deps.dataSource.getRepository(MethodologyEntity).findOneBy({ organisationId, version });
  }

  /**
   * Publishes a new version. Existing assessments keep the version they were made under: nothing is re-scored
   * here; `reassessRisk` records new assessments under the new version.
   */
  async publish(input: PublishMethodologyInput, context: EventContext): Promise<MethodologyEntity> {
    const likelihood = input.likelihoodScale.map((l) => ({ value: l.value, label: l.label.trim(), description: l.description.trim() }));
    const impact = input.impactScale.map((l) => ({ value: l.value, label: l.label.trim(), description: l.description.trim() }));
    const levels = input.levels.map((l, index) => ({ key: l.key, label: l.label.trim(), description: l.description.trim(), rank: index + 1 }));
    let definition: MethodologyDefinition;
    try {
      definition = { likelihood, impact, levels, matrix: matrixFromCells(likelihood, impact, input.matrix), appetite: input.appetite };
      validateMethodology(definition);
    } catch (error) {
      throw asDomainError(error);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const { entity: latest } = await this.current(manager, context.organisationId, context);
      await this.lock(manager, context.organisationId);
      const now = await this.latestEntity(manager, context.organisationId);
      const currentVersion = now?.version ?? latest.version;
      if (input.expectedCurrentVersion != null && input.expectedCurrentVersion !== currentVersion) {
        throw methodologyErrors.raise('METHODOLOGY_CHANGED', `methodology v${currentVersion} was published meanwhile; you edited v${input.expectedCurrentVersion}`);
      }
      const entity = await manager.save(
        manager.create(MethodologyEntity, {
          organisationId: context.organisationId,
          version: currentVersion + 1,
          ...definition,
          notes: input.notes?.trim() || null,
          publishedBy: context.actor,
        }),
      );
      await this.deps.outbox.record(manager, RiskMethodologyPublished, entity.id, toMethodologyEventData(entity), context);
      return entity;
    });
  }
}

