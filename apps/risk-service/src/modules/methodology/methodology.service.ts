import { createHash } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import { approvalConflict, Claims } from '@iso27001/authz';
import { RiskMethodologyPublished } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { MethodologyDraftEntity } from './methodology-draft.entity';
import { MethodologyEntity } from './methodology.entity';
import { methodologyErrors } from './methodology.errors';
import { PublishMethodologyInput } from './methodology.input';
import { assess, Assessed, BUILT_IN_PUBLISHER, defaultMethodology, matrixFromCells, Methodology, MethodologyDefinition, MethodologyProblem, validateMethodology } from './methodology.logic';
import { toMethodology, toMethodologyEventData } from './methodology.mapper';

/** Only to fill the row's shape: the API shows the built-in version without a publication date. */
const NEVER_PUBLISHED = new Date(0);

/** A UUID (version 5 layout) derived from a name, so the same name gives the same id in every process. */
function nameBasedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Version 1 of every organisation: the built-in default 5×5 methodology, in force from the start until the
 * organisation publishes version 2. It is not a row, so no read (and no write) has to create it first; an
 * organisation that has a stored v1 (migrated, or created on first use by earlier releases) keeps that row.
 * Its id is derived from the organisation, so it is the same on every read.
 */
export function builtInMethodology(organisationId: string): MethodologyEntity {
  return Object.assign(new MethodologyEntity(), {
    id: nameBasedUuid(`risk-methodology:${organisationId}:1`),
    organisationId,
    version: 1,
    ...defaultMethodology(),
    notes: 'Default 5×5 methodology every organisation starts with',
    publishedBy: BUILT_IN_PUBLISHER,
    publishedAt: NEVER_PUBLISHED,
  });
}

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

  /** The version in force (the latest published, else the built-in v1), read inside the caller's transaction. Only reads. */
  async current(manager: EntityManager, organisationId: string): Promise<{ entity: MethodologyEntity; methodology: Methodology }> {
    const entity = (await this.latestEntity(manager, organisationId)) ?? builtInMethodology(organisationId);
    return { entity, methodology: this.cache(organisationId, entity) };
  }

  /** The version in force, for reads outside a transaction. */
  currentForRead(organisationId: string): Promise<{ entity: MethodologyEntity; methodology: Methodology }> {
    return this.current(this.deps.dataSource.manager, organisationId);
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
      if (missing.includes(1) && !result.has(1)) result.set(1, this.cache(organisationId, builtInMethodology(organisationId)));
    }
    return result;
  }

  async version(manager: EntityManager, organisationId: string, version: number): Promise<Methodology> {
    const found = (await this.versions(manager, organisationId, [version])).get(version);
    if (!found) throw methodologyErrors.raise('METHODOLOGY_VERSION_NOT_FOUND', `methodology v${version} does not exist`);
    return found;
  }

  /** Every version, newest first, the built-in v1 included. */
  async list(organisationId: string): Promise<MethodologyEntity[]> {
    const stored = await this.deps.dataSource.getRepository(MethodologyEntity).find({ where: { organisationId }, order: { version: 'DESC' } });
    return stored.some((entity) => entity.version === 1) ? stored : [...stored, builtInMethodology(organisationId)];
  }

  async entityByVersion(organisationId: string, version: number): Promise<MethodologyEntity | null> {
    const stored = await this.deps.dataSource.getRepository(MethodologyEntity).findOneBy({ organisationId, version });
    return stored ?? (version === 1 ? builtInMethodology(organisationId) : null);
  }

  /** The definition an input describes, validated (INVALID_METHODOLOGY and friends otherwise). */
  private definitionOf(input: PublishMethodologyInput): MethodologyDefinition {
    const likelihood = input.likelihoodScale.map((l) => ({ value: l.value, label: l.label.trim(), description: l.description.trim() }));
    const impact = input.impactScale.map((l) => ({ value: l.value, label: l.label.trim(), description: l.description.trim() }));
    const levels = input.levels.map((l, index) => ({ key: l.key, label: l.label.trim(), description: l.description.trim(), rank: index + 1 }));
    try {
      const definition = { likelihood, impact, levels, matrix: matrixFromCells(likelihood, impact, input.matrix), appetite: input.appetite };
      validateMethodology(definition);
      return definition;
    } catch (error) {
      throw asDomainError(error);
    }
  }

  /** Drafts, newest first (SUBMITTED, PUBLISHED or REJECTED). */
  drafts(organisationId: string, status?: string | null): Promise<MethodologyDraftEntity[]> {
    return this.deps.dataSource.getRepository(MethodologyDraftEntity).find({ where: { organisationId, ...(status ? { status: status as MethodologyDraftEntity['status'] } : {}) }, order: { submittedAt: 'DESC' } });
  }

  private async pendingDraft(manager: EntityManager, organisationId: string, id: string): Promise<MethodologyDraftEntity> {
    const draft = /^[0-9a-f-]{36}$/i.test(id) ? await manager.getRepository(MethodologyDraftEntity).findOne({ where: { organisationId, id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!draft) throw methodologyErrors.raise('METHODOLOGY_DRAFT_NOT_FOUND', `methodology draft ${id} does not exist`);
    if (draft.status !== 'SUBMITTED') throw methodologyErrors.raise('METHODOLOGY_DRAFT_DECIDED', `methodology draft ${id} was already ${draft.status.toLowerCase()}`);
    return draft;
  }

  /**
   * Submits a new version for approval (nothing is published yet): one draft at a time per organisation, replacing
   * the version in force now (`expectedCurrentVersion`, when given, must be it).
   */
  async submit(input: PublishMethodologyInput, claims: Pick<Claims, 'sub' | 'email'>, context: EventContext): Promise<MethodologyDraftEntity> {
    const definition = this.definitionOf(input);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        await this.lock(manager, context.organisationId);
        const { entity: latest } = await this.current(manager, context.organisationId);
        if (input.expectedCurrentVersion != null && input.expectedCurrentVersion !== latest.version) {
          throw methodologyErrors.raise('METHODOLOGY_CHANGED', `methodology v${latest.version} was published meanwhile; you edited v${input.expectedCurrentVersion}`);
        }
        const pending = await manager.getRepository(MethodologyDraftEntity).findOneBy({ organisationId: context.organisationId, status: 'SUBMITTED' });
        if (pending) throw methodologyErrors.raise('METHODOLOGY_DRAFT_PENDING', `a methodology draft submitted on ${pending.submittedAt.toISOString().slice(0, 10)} awaits approval: approve, reject or revise it first`);
        return manager.save(
          manager.create(MethodologyDraftEntity, {
            organisationId: context.organisationId,
            status: 'SUBMITTED',
            definition,
            notes: input.notes?.trim() || null,
            baseVersion: latest.version,
            submittedBy: claims.sub,
            submittedByEmail: claims.email ?? null,
            contributors: [claims.sub],
            contributorEmails: claims.email ? [claims.email.toLowerCase()] : [],
          }),
        );
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw methodologyErrors.raise('METHODOLOGY_DRAFT_PENDING', 'another methodology draft was submitted meanwhile: approve, reject or revise it first');
      }
      throw error;
    }
  }

  /** Replaces a submitted draft's content; the reviser becomes a contributor (and so may not approve it). */
  async revise(id: string, input: PublishMethodologyInput, claims: Pick<Claims, 'sub' | 'email'>, context: EventContext): Promise<MethodologyDraftEntity> {
    const definition = this.definitionOf(input);
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const draft = await this.pendingDraft(manager, context.organisationId, id);
      draft.definition = definition;
      draft.notes = input.notes?.trim() || null;
      if (!draft.contributors.includes(claims.sub)) draft.contributors = [...draft.contributors, claims.sub];
      const email = claims.email?.toLowerCase();
      if (email && !draft.contributorEmails.includes(email)) draft.contributorEmails = [...draft.contributorEmails, email];
      return manager.save(draft);
    });
  }

  /**
   * Approves a submitted draft and publishes it as the next version (RiskMethodologyPublished in the same
   * transaction). Never by its submitter or a contributor (SELF_APPROVAL); refused when another version was published
   * since it was submitted (METHODOLOGY_CHANGED). Existing assessments keep the version they were made under.
   */
  async approve(id: string, approver: Pick<Claims, 'sub' | 'email'>, context: EventContext): Promise<{ draft: MethodologyDraftEntity; published: MethodologyEntity }> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const draft = await this.pendingDraft(manager, context.organisationId, id);
      const conflict = approvalConflict(approver, draft);
      if (conflict) {
        throw methodologyErrors.raise(
          'SELF_APPROVAL',
          conflict === 'submitter' ? 'you submitted this methodology draft, so someone else must approve it' : 'you revised this methodology draft, so someone else must approve it',
        );
      }
      const { entity: latest } = await this.current(manager, context.organisationId);
      if (latest.version !== draft.baseVersion) {
        throw methodologyErrors.raise('METHODOLOGY_CHANGED', `methodology v${latest.version} was published after this draft (which replaces v${draft.baseVersion}) was submitted: reject it and submit again`);
      }
      const published = await manager.save(
        manager.create(MethodologyEntity, { organisationId: context.organisationId, version: latest.version + 1, ...draft.definition, notes: draft.notes, publishedBy: context.actor }),
      );
      Object.assign(draft, { status: 'PUBLISHED', decidedBy: approver.sub, decidedAt: new Date(), publishedVersion: published.version });
      await manager.save(draft);
      await this.deps.outbox.record(manager, RiskMethodologyPublished, published.id, toMethodologyEventData(published), context);
      return { draft, published };
    });
  }

  /** Rejects a submitted draft with a reason (its submitter may withdraw it this way too); nothing is published. */
  async reject(id: string, reason: string, decider: Pick<Claims, 'sub'>, context: EventContext): Promise<MethodologyDraftEntity> {
    const text = reason.trim();
    if (!text) throw methodologyErrors.raise('REASON_REQUIRED', 'rejecting a methodology draft needs a reason');
    if (text.length > 2_000) throw methodologyErrors.raise('REASON_REQUIRED', `the reason has at most 2000 characters (got ${text.length})`);
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const draft = await this.pendingDraft(manager, context.organisationId, id);
      Object.assign(draft, { status: 'REJECTED', decidedBy: decider.sub, decidedAt: new Date(), decisionNote: text });
      return manager.save(draft);
    });
  }
}
