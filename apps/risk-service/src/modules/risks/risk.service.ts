import { EntityManager, In } from 'typeorm';
import { Access, Claims } from '@iso27001/authz';
import { RiskUpserted } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { RiskConfig } from '../../config';
import { assertAssetInScope, coversAsset } from '../assets/asset.scope';
import { assessOrRaise, asDomainError, MethodologyService } from '../methodology/methodology.service';
import { Methodology } from '../methodology/methodology.logic';
import { unknownPeople } from '@iso27001/org-replica';
import { isCalendarDate } from './calendar-date';
import { heatMap, HeatMapCell } from './heat-map.logic';
import { acceptanceRefusal, mayAssignRiskOwner, mayNameOwnerOfNewRisk } from './risk-acceptance.rules';
import { RiskActionEntity } from './risk-action.entity';
import { RiskAssessmentEntity } from './risk-assessment.entity';
import { scoreRisk } from './risk-scoring.logic';
import { RiskEntity } from './risk.entity';
import { riskErrors } from './risk.errors';
import { AcceptResidualRiskInput, AddRiskActionInput, CreateRiskInput, ReassessRiskInput, RiskFilterInput, RiskRegisterArgs, TreatRiskInput, UpdateRiskActionInput, UpdateRiskInput } from './risk.input';
import { toRiskEventData } from './risk.mapper';
import { assertPlacementInScope, assertRiskInScope, coversRisk, scopeSql, unitChanges } from './risk.scope';
import { RiskSortDirection, RiskSortField, RiskTreatmentType } from './risk.type';

function optionalText(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

function checkDate(field: string, value: string | null | undefined): void {
  if (value != null && !isCalendarDate(value)) throw riskErrors.raise('INVALID_DATE', `${field} ${value} is not a calendar date (yyyy-mm-dd)`);
}

/** Keyset pagination: one index per sort order (see the migration), the id as the tie-break. */
const SORTS: Record<RiskSortField, { columns: string[]; casts: string[]; direction: RiskSortDirection }> = {
  [RiskSortField.SCORE]: { columns: ['r.current_rank', 'r.current_score', 'r.id'], casts: ['int', 'int', 'uuid'], direction: RiskSortDirection.DESC },
  [RiskSortField.TITLE]: { columns: ['lower(r.title)', 'r.id'], casts: ['text', 'uuid'], direction: RiskSortDirection.ASC },
  [RiskSortField.DUE]: { columns: ["COALESCE(r.next_review_on, 'infinity'::date)", 'r.id'], casts: ['date', 'uuid'], direction: RiskSortDirection.ASC },
  [RiskSortField.UPDATED]: { columns: ['r.updated_at', 'r.id'], casts: ['timestamptz', 'uuid'], direction: RiskSortDirection.DESC },
};

export interface RiskPage {
  risks: RiskEntity[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * WHERE clause of the register's filter (organisation first, then the caller's reach: their units' risks and those
 * they own, unless organisation-wide), with its parameters.
 */
export function riskFilterSql(organisationId: string, filter: RiskFilterInput | null | undefined, access: Access): { where: string; params: unknown[] } {
  const params: unknown[] = [organisationId];
  const clauses = ['r.organisation_id = $1'];
  const reach = scopeSql(access, { unit: 'r.unit_id', owner: 'r.owner_id' }, params);
  if (reach) clauses.push(reach);
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (filter?.status) add((p) => `r.status = ${p}`, filter.status);
  if (filter?.treatment) add((p) => `r.treatment = ${p}`, filter.treatment);
  if (filter?.untreated != null) clauses.push(filter.untreated ? 'r.treatment IS NULL' : 'r.treatment IS NOT NULL');
  if (filter?.ownerId) add((p) => `r.owner_id = ${p}`, filter.ownerId);
  if (filter?.unitId) add((p) => `r.unit_id = ${p}`, filter.unitId);
  if (filter?.level) add((p) => `r.current_level = ${p}`, filter.level);
  if (filter?.needsAcceptance != null) clauses.push(filter.needsAcceptance ? 'r.needs_acceptance' : 'NOT r.needs_acceptance');
  if (filter?.assetId) add((p) => `EXISTS (SELECT 1 FROM risk_asset ra WHERE ra.risk_id = r.id AND ra.asset_id = ${p})`, filter.assetId);
  if (filter?.search?.trim()) {
    const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add((p) => `(r.title ILIKE ${p} OR r.threat ILIKE ${p} OR r.vulnerability ILIKE ${p})`, pattern);
  }
  return { where: clauses.join(' AND '), params };
}

export class RiskService {
  private readonly methodologies: MethodologyService;

  constructor(private readonly deps: ServiceDeps) {
    this.methodologies = new MethodologyService(deps);
  }

  private get waitMs(): number {
    return (this.deps.config as Partial<RiskConfig>).PERSON_REPLICA_WAIT_MS ?? 5_000;
  }

  /** The register within the caller's reach, highest current level and score first, then by title (kept for existing callers). */
  async list(organisationId: string, access: Access): Promise<RiskEntity[]> {
    const { where, params } = riskFilterSql(organisationId, null, access);
    const rows: { id: string }[] = await this.deps.dataSource.query(`SELECT r.id FROM risk r WHERE ${where} ORDER BY r.current_rank DESC, r.current_score DESC, r.title, r.id`, params);
    const byId = new Map((rows.length ? await this.deps.dataSource.getRepository(RiskEntity).findBy({ id: In(rows.map((r) => r.id)) }) : []).map((r) => [r.id, r]));
    return rows.map((row) => byId.get(row.id)).filter((r): r is RiskEntity => !!r);
  }

  /** A filtered, sorted page of the register: ids by keyset (or offset) on an index, then the rows by id. */
  async register(organisationId: string, args: RiskRegisterArgs, access: Access): Promise<RiskPage> {
    const sort = SORTS[args.sort];
    const direction = args.direction ?? sort.direction;
    const { where, params } = riskFilterSql(organisationId, args.filter, access);
    const countParams = [...params];
    let pageWhere = where;
    if (args.after) {
      if (args.offset != null) throw riskErrors.raise('INVALID_CURSOR', 'give either after or offset, not both');
      let values: unknown;
      try {
        values = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
      } catch {
        values = null;
      }
      if (!Array.isArray(values) || values.length !== sort.columns.length + 1 || values[0] !== args.sort) {
        throw riskErrors.raise('INVALID_CURSOR', `the cursor does not belong to this list sorted by ${args.sort}`);
      }
      const placeholders = sort.casts.map((cast, i) => {
        params.push(values[i + 1]);
        return `$${params.length}::${cast}`;
      });
      pageWhere += ` AND (${sort.columns.join(', ')}) ${direction === RiskSortDirection.DESC ? '<' : '>'} (${placeholders.join(', ')})`;
    }
    params.push(args.first + 1);
    const limit = `$${params.length}`;
    let offset = '';
    if (args.offset) {
      params.push(args.offset);
      offset = ` OFFSET $${params.length}`;
    }
    const order = sort.columns.map((c) => `${c} ${direction}`).join(', ');
    const keys = `ARRAY[${sort.columns.map((c) => `(${c})::text`).join(', ')}]`;
    const [rows, count] = await Promise.all([
      this.deps.dataSource.query(`SELECT r.id, ${keys} AS cursor_key FROM risk r WHERE ${pageWhere} ORDER BY ${order} LIMIT ${limit}${offset}`, params) as Promise<{ id: string; cursor_key: string[] }[]>,
      this.deps.dataSource.query(`SELECT count(*)::int AS total FROM risk r WHERE ${where}`, countParams) as Promise<{ total: number }[]>,
    ]);
    const hasNextPage = rows.length > args.first;
    const page = rows.slice(0, args.first);
    const byId = new Map((page.length ? await this.deps.dataSource.getRepository(RiskEntity).findBy({ id: In(page.map((r) => r.id)) }) : []).map((r) => [r.id, r]));
    const last = page.at(-1);
    return {
      risks: page.map((row) => byId.get(row.id)).filter((r): r is RiskEntity => !!r),
      totalCount: count[0]?.total ?? 0,
      hasNextPage,
      endCursor: last ? Buffer.from(JSON.stringify([args.sort, ...last.cursor_key])).toString('base64url') : null,
    };
  }

  /** The risks of these ids the caller may read; the others are left out, as if they did not exist. */
  async byIds(organisationId: string, ids: readonly string[], access: Access): Promise<RiskEntity[]> {
    return (await findByIds(this.deps.dataSource.getRepository(RiskEntity), { organisationId }, ids)).filter((risk) => coversRisk(access, risk));
  }

  /** Open risks within the caller's reach per cell of the current methodology, inherent and residual. */
  async heatMap(organisationId: string, access: Access): Promise<{ version: number; inherent: HeatMapCell[]; residual: HeatMapCell[]; inherentOther: number; residualOther: number }> {
    const { methodology } = await this.methodologies.currentForRead(organisationId);
    const params: unknown[] = [organisationId, methodology.version];
    const reach = scopeSql(access, { unit: 'unit_id', owner: 'owner_id' }, params);
    const inReach = reach ? ` AND ${reach}` : '';
    const rows: { kind: string; l: number | null; i: number | null; on_version: boolean; count: number }[] = await this.deps.dataSource.query(
      `SELECT 'INHERENT' AS kind, inherent_likelihood AS l, inherent_impact AS i, inherent_version = $2 AS on_version, count(*)::int AS count
         FROM risk WHERE organisation_id = $1 AND status = 'OPEN'${inReach} GROUP BY 2, 3, 4
       UNION ALL
       SELECT 'RESIDUAL', residual_likelihood, residual_impact, residual_version = $2, count(*)::int
         FROM risk WHERE organisation_id = $1 AND status = 'OPEN' AND residual_version IS NOT NULL${inReach} GROUP BY 2, 3, 4`,
      params,
    );
    const cells = (kind: string) => rows.filter((r) => r.kind === kind && r.on_version).map((r) => ({ likelihood: r.l ?? 0, impact: r.i ?? 0, count: r.count }));
    const other = (kind: string) => rows.filter((r) => r.kind === kind && !r.on_version).reduce((sum, r) => sum + r.count, 0);
    return { version: methodology.version, inherent: heatMap(methodology, cells('INHERENT')), residual: heatMap(methodology, cells('RESIDUAL')), inherentOther: other('INHERENT'), residualOther: other('RESIDUAL') };
  }

  private async requirePeople(manager: EntityManager, organisationId: string, ids: (string | null | undefined)[]): Promise<void> {
    const unknown = await unknownPeople(manager, organisationId, ids, this.waitMs);
    if (unknown.length > 0) {
      throw riskErrors.raise('UNKNOWN_PERSON', `not active people of the organisation (as known from isms-service): ${unknown.join(', ')}`, { personIds: unknown });
    }
  }

  /** The assets exist, and the caller may link them: each of their units or owned by them (OUT_OF_SCOPE otherwise). */
  private async requireAssets(manager: EntityManager, organisationId: string, assetIds: string[], access: Access): Promise<void> {
    if (assetIds.length === 0) return;
    const rows: { id: string; name: string; unit_id: string | null; owner_id: string | null }[] = await manager.query(
      'SELECT id, name, unit_id, owner_id FROM asset WHERE organisation_id = $1 AND id = ANY($2::uuid[])',
      [organisationId, assetIds],
    );
    for (const row of rows) assertAssetInScope(access, { name: row.name, unitId: row.unit_id, ownerId: row.owner_id });
    const found = new Set(rows.map((r) => r.id));
    const unknown = assetIds.filter((id) => !found.has(id));
    if (unknown.length > 0) throw riskErrors.raise('UNKNOWN_ASSETS', `not assets of the inventory: ${unknown.join(', ')}`, { assetIds: unknown });
  }

  /**
   * Replaces the risk's asset links with `assetIds`. Links to assets outside the caller's reach stay as they are: the
   * caller neither sees nor changes them.
   */
  private async replaceAssetLinks(manager: EntityManager, organisationId: string, riskId: string, assetIds: string[], access: Access): Promise<void> {
    const previous: { asset_id: string; unit_id: string | null; owner_id: string | null }[] = await manager.query(
      'SELECT ra.asset_id, a.unit_id, a.owner_id FROM risk_asset ra JOIN asset a ON a.id = ra.asset_id WHERE ra.risk_id = $1',
      [riskId],
    );
    const hidden = previous.filter((link) => !coversAsset(access, { unitId: link.unit_id, ownerId: link.owner_id })).map((link) => link.asset_id);
    const wanted = [...new Set([...assetIds, ...hidden])];
    await manager.query('DELETE FROM risk_asset WHERE risk_id = $1', [riskId]);
    if (wanted.length > 0) {
      await manager.query('INSERT INTO risk_asset (organisation_id, risk_id, asset_id) SELECT $1, $2, unnest($3::uuid[])', [organisationId, riskId, wanted]);
    }
  }

  /** Records RiskUpserted with the risk's full state, in the caller's transaction. */
  async emit(manager: EntityManager, risk: RiskEntity, context: EventContext): Promise<void> {
    const links: { asset_id: string }[] = await manager.query('SELECT asset_id FROM risk_asset WHERE risk_id = $1', [risk.id]);
    await this.deps.outbox.record(manager, RiskUpserted, risk.id, toRiskEventData(risk, links.map((l) => l.asset_id)), context);
  }

  /** Recomputes the derived levels from the assessments, each under its own methodology version. */
  async rescore(manager: EntityManager, risk: RiskEntity, known: Methodology[] = []): Promise<void> {
    const wanted = [risk.inherentVersion, ...(risk.residualVersion ? [risk.residualVersion] : [])];
    const versions = new Map(known.map((m) => [m.version, m]));
    const missing = wanted.filter((v) => !versions.has(v));
    if (missing.length > 0) for (const [v, m] of await this.methodologies.versions(manager, risk.organisationId, missing)) versions.set(v, m);
    try {
      Object.assign(
        risk,
        scoreRisk(
          { ...risk, accepted: risk.acceptedAt !== null },
          versions.get(risk.inherentVersion)!, // eslint-disable-line @typescript-eslint/no-non-null-assertion
          risk.residualVersion ? (versions.get(risk.residualVersion) ?? null) : null,
        ),
      );
    } catch (error) {
      throw asDomainError(error);
    }
  }

  /** Locks a risk for a change: RISK_NOT_FOUND if there is none, OUT_OF_SCOPE if it is outside the caller's reach. */
  private async lockRisk(manager: EntityManager, organisationId: string, riskId: string, access: Access): Promise<RiskEntity> {
    const risk = await manager
      .getRepository(RiskEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id AND r.organisation_id = :organisationId', { id: riskId, organisationId })
      .getOne();
    if (!risk) throw riskErrors.raise('RISK_NOT_FOUND', `risk ${riskId} does not exist`);
    assertRiskInScope(access, risk);
    return risk;
  }

  private async recordAssessment(manager: EntityManager, risk: RiskEntity, kind: 'INHERENT' | 'RESIDUAL', version: number, likelihood: number, impact: number, level: string, note: string | null, context: EventContext): Promise<void> {
    await manager.insert(RiskAssessmentEntity, { organisationId: risk.organisationId, riskId: risk.id, kind, methodologyVersion: version, likelihood, impact, level, note, assessedBy: context.actor });
  }

  async create(input: CreateRiskInput, context: EventContext, access: Access): Promise<RiskEntity> {
    const title = input.title.trim();
    if (!title) throw riskErrors.raise('TITLE_REQUIRED', 'a risk needs a title');
    checkDate('nextReviewOn', input.nextReviewOn);
    const assetIds = [...new Set(input.assetIds ?? [])];
    assertPlacementInScope(access, { unitId: input.unitId, ownerId: input.ownerId }, 'the new risk');
    if (!mayNameOwnerOfNewRisk(access, input.ownerId)) {
      throw riskErrors.raise(
        'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER',
        'only a programme manager (an administrator or the ISMS manager) may make someone else the owner of a new risk: name yourself, or leave the owner for a programme manager to assign',
        { field: 'ownerId' },
      );
    }
    await this.requirePeople(this.deps.dataSource.manager, context.organisationId, [input.ownerId]);
    return this.deps.dataSource.transaction(async (manager) => {
      const { methodology } = await this.methodologies.current(manager, context.organisationId);
      const assessed = assessOrRaise(methodology, input.inherentLikelihood, input.inherentImpact);
      await this.requireAssets(manager, context.organisationId, assetIds, access);
      const repository = manager.getRepository(RiskEntity);
      const risk = repository.create({
        organisationId: context.organisationId,
        title,
        description: optionalText(input.description),
        threat: optionalText(input.threat),
        vulnerability: optionalText(input.vulnerability),
        ownerId: input.ownerId ?? null,
        unitId: input.unitId ?? null,
        inherentLikelihood: input.inherentLikelihood,
        inherentImpact: input.inherentImpact,
        inherentVersion: methodology.version,
        residualLikelihood: null,
        residualImpact: null,
        residualVersion: null,
        treatment: null,
        treatmentRationale: null,
        controlIds: [],
        status: 'OPEN',
        acceptedAt: null,
        acceptedBy: null,
        acceptedByPersonId: null,
        acceptanceNote: null,
        nextReviewOn: input.nextReviewOn ?? null,
      });
      await this.rescore(manager, risk, [methodology]);
      const saved = await repository.save(risk);
      await this.recordAssessment(manager, saved, 'INHERENT', methodology.version, input.inherentLikelihood, input.inherentImpact, assessed.level, null, context);
      await this.replaceAssetLinks(manager, context.organisationId, saved.id, assetIds, access);
      await this.emit(manager, saved, context);
      return saved;
    });
  }

  /**
   * Changes a risk. Its owner is assigned by a programme manager only (risk-acceptance.rules.ts): a risk owner who
   * sends another owner, himself included, is refused and nothing is written.
   */
  async update(input: UpdateRiskInput, context: EventContext, access: Access): Promise<RiskEntity> {
    if (input.title !== undefined && !input.title?.trim()) throw riskErrors.raise('TITLE_REQUIRED', 'a risk needs a title');
    checkDate('nextReviewOn', input.nextReviewOn);
    await this.requirePeople(this.deps.dataSource.manager, context.organisationId, [input.ownerId]);
    return this.deps.dataSource.transaction(async (manager) => {
      const risk = await this.lockRisk(manager, context.organisationId, input.riskId, access);
      const ownerChanges = input.ownerId !== undefined && (input.ownerId ?? null) !== risk.ownerId;
      if (ownerChanges && !mayAssignRiskOwner(access)) {
        throw riskErrors.raise(
          'OWNER_CHANGE_NEEDS_PROGRAMME_MANAGER',
          `only a programme manager (an administrator or the ISMS manager) may change the owner of risk "${risk.title}": ownership is assigned, not taken`,
          { field: 'ownerId' },
        );
      }
      if (unitChanges(risk.unitId, input.unitId)) {
        assertPlacementInScope(access, { unitId: input.unitId, ownerId: ownerChanges ? input.ownerId : risk.ownerId }, `risk "${risk.title}"`);
      }
      if (input.title) risk.title = input.title.trim();
      if (input.description !== undefined) risk.description = optionalText(input.description);
      if (input.threat !== undefined) risk.threat = optionalText(input.threat);
      if (input.vulnerability !== undefined) risk.vulnerability = optionalText(input.vulnerability);
      if (input.unitId !== undefined) risk.unitId = input.unitId ?? null;
      if (input.nextReviewOn !== undefined) risk.nextReviewOn = input.nextReviewOn ?? null;
      if (input.status) risk.status = input.status;
      if (ownerChanges) {
        risk.ownerId = input.ownerId ?? null;
        this.voidAcceptance(risk); // the new owner has not accepted anything
      }
      if (input.assetIds != null) {
        const assetIds = [...new Set(input.assetIds)];
        await this.requireAssets(manager, context.organisationId, assetIds, access);
        await this.replaceAssetLinks(manager, context.organisationId, risk.id, assetIds, access);
      }
      await this.rescore(manager, risk);
      risk.updatedAt = new Date();
      const saved = await manager.getRepository(RiskEntity).save(risk);
      if (ownerChanges) {
        // Set by the database in its own clock (microseconds), the clock the residual assessments are recorded in.
        const [[stamp]]: [{ owner_assigned_at: Date }[], number] = await manager.query('UPDATE risk SET owner_assigned_at = now() WHERE id = $1 RETURNING owner_assigned_at', [saved.id]);
        saved.ownerAssignedAt = stamp!.owner_assigned_at; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      }
      await this.emit(manager, saved, context);
      return saved;
    });
  }

  private voidAcceptance(risk: RiskEntity): void {
    risk.acceptedAt = null;
    risk.acceptedBy = null;
    risk.acceptedByPersonId = null;
    risk.acceptanceNote = null;
  }

  /** Records the treatment decision and the Annex A controls it relies on (the SoA follows from the event). */
  async treat(input: TreatRiskInput, context: EventContext, access: Access): Promise<RiskEntity> {
    const rationale = input.rationale.trim();
    if (!rationale) throw riskErrors.raise('RATIONALE_REQUIRED', 'a treatment decision needs a rationale');
    const controlIds = [...new Set(input.controlIds.map((id) => id.trim()))];
    const unknown = controlIds.filter((id) => !isAnnexAControlId(id));
    if (unknown.length > 0) {
      throw riskErrors.raise('UNKNOWN_CONTROLS', `not ISO/IEC 27001:2022 Annex A controls: ${unknown.join(', ')}`, { controlIds: unknown });
    }
    if (input.treatment === RiskTreatmentType.MODIFY && controlIds.length === 0) {
      throw riskErrors.raise('CONTROLS_REQUIRED', 'treatment MODIFY needs at least one Annex A control that modifies the risk');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const risk = await this.lockRisk(manager, context.organisationId, input.riskId, access);
      risk.treatment = input.treatment;
      risk.treatmentRationale = rationale;
      risk.controlIds = controlIds;
      const saved = await manager.getRepository(RiskEntity).save(risk);
      await this.emit(manager, saved, context);
      return saved;
    });
  }

  /**
   * Records a new inherent or residual assessment under the current methodology version. Earlier assessments
   * stay in the history under their own versions; a new residual assessment voids an earlier acceptance.
   */
  async reassess(input: ReassessRiskInput, context: EventContext, access: Access): Promise<RiskEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const risk = await this.lockRisk(manager, context.organisationId, input.riskId, access);
      const { methodology } = await this.methodologies.current(manager, context.organisationId);
      const assessed = assessOrRaise(methodology, input.likelihood, input.impact);
      if (input.kind === 'INHERENT') {
        risk.inherentLikelihood = input.likelihood;
        risk.inherentImpact = input.impact;
        risk.inherentVersion = methodology.version;
      } else {
        risk.residualLikelihood = input.likelihood;
        risk.residualImpact = input.impact;
        risk.residualVersion = methodology.version;
        this.voidAcceptance(risk);
      }
      await this.rescore(manager, risk, [methodology]);
      risk.updatedAt = new Date();
      const saved = await manager.getRepository(RiskEntity).save(risk);
      await this.recordAssessment(manager, saved, input.kind, methodology.version, input.likelihood, input.impact, assessed.level, optionalText(input.note), context);
      await this.emit(manager, saved, context);
      return saved;
    });
  }

  /**
   * The risk owner signs the acceptance of the residual risk (6.1.3 f). Only the person who owns the risk may:
   * the caller's e-mail must be the owner's in the people replica. Nobody signs for someone else, not even an
   * admin; an admin who must act re-assigns the risk to the person who will accept it.
   * Segregation of duties (risk-acceptance.rules.ts): the owner signs a residual assessment recorded after he became
   * the owner, by someone else.
   */
  async accept(input: AcceptResidualRiskInput, claims: Claims, context: EventContext, access: Access): Promise<RiskEntity> {
    const note = input.note.trim();
    if (!note) throw riskErrors.raise('RATIONALE_REQUIRED', 'an acceptance needs a note saying why the residual risk is acceptable');
    return this.deps.dataSource.transaction(async (manager) => {
      const risk = await this.lockRisk(manager, context.organisationId, input.riskId, access);
      if (risk.residualVersion === null) throw riskErrors.raise('RESIDUAL_NOT_ASSESSED', `risk "${risk.title}" has no residual assessment to accept; assess the residual risk first`);
      if (!risk.ownerId) throw riskErrors.raise('NO_RISK_OWNER', `risk "${risk.title}" has no owner; only its owner may accept the residual risk`);
      if (risk.acceptedAt) throw riskErrors.raise('ALREADY_ACCEPTED', `the residual risk of "${risk.title}" was already accepted on ${risk.acceptedAt.toISOString()}`);
      const [owner]: { person_id: string; email: string; name: string; active: boolean }[] = await manager.query(
        'SELECT person_id, email, name, active FROM person_replica WHERE organisation_id = $1 AND person_id = $2',
        [context.organisationId, risk.ownerId],
      );
      if (!owner || !owner.active || owner.email !== claims.email.trim().toLowerCase()) {
        throw riskErrors.raise('NOT_THE_RISK_OWNER', `only the risk owner${owner ? ` (${owner.name})` : ''} may accept the residual risk of "${risk.title}"`);
      }
      const [residual]: { assessed_by: string; assessed_at: Date; owner_assigned_at: Date; after_owner: boolean }[] = await manager.query(
        `SELECT a.assessed_by, a.assessed_at, r.owner_assigned_at, a.assessed_at > r.owner_assigned_at AS after_owner
           FROM risk_assessment a JOIN risk r ON r.id = a.risk_id
          WHERE a.organisation_id = $1 AND a.risk_id = $2 AND a.kind = 'RESIDUAL'
          ORDER BY a.assessed_at DESC LIMIT 1`,
        [context.organisationId, risk.id],
      );
      const refusal = acceptanceRefusal(
        claims.sub,
        residual ? { assessedBy: residual.assessed_by, assessedAt: residual.assessed_at, ownerAssignedAt: residual.owner_assigned_at, recordedAfterOwnerAssigned: residual.after_owner } : null,
      );
      if (refusal?.code === 'RESIDUAL_NOT_ASSESSED') {
        throw riskErrors.raise('RESIDUAL_NOT_ASSESSED', `risk "${risk.title}" has no recorded residual assessment to accept; assess the residual risk first`);
      }
      if (refusal?.code === 'RESIDUAL_PREDATES_OWNER') {
        throw riskErrors.raise(
          'RESIDUAL_PREDATES_OWNER',
          `the residual assessment of "${risk.title}" (${refusal.assessedAt.toISOString()}) was recorded before ${owner.name} became its owner (${refusal.ownerAssignedAt.toISOString()}): have the residual risk re-assessed before accepting it`,
        );
      }
      if (refusal?.code === 'SELF_ASSESSED_RESIDUAL') {
        throw riskErrors.raise(
          'SELF_ASSESSED_RESIDUAL',
          `you recorded the residual assessment of "${risk.title}" yourself: someone else must assess the residual risk before you, its owner, accept it (segregation of duties)`,
        );
      }
      risk.acceptedAt = new Date();
      risk.acceptedBy = context.actor;
      risk.acceptedByPersonId = owner.person_id;
      risk.acceptanceNote = note;
      await this.rescore(manager, risk);
      const saved = await manager.getRepository(RiskEntity).save(risk);
      await this.emit(manager, saved, context);
      return saved;
    });
  }

  async addAction(input: AddRiskActionInput, context: EventContext, access: Access): Promise<RiskActionEntity> {
    const title = input.title.trim();
    if (!title) throw riskErrors.raise('TITLE_REQUIRED', 'an action needs a title');
    checkDate('dueOn', input.dueOn);
    await this.requirePeople(this.deps.dataSource.manager, context.organisationId, [input.ownerId]);
    return this.deps.dataSource.transaction(async (manager) => {
      const risk = await this.lockRisk(manager, context.organisationId, input.riskId, access);
      const action = await manager.save(manager.create(RiskActionEntity, { organisationId: context.organisationId, riskId: risk.id, title, ownerId: input.ownerId ?? null, dueOn: input.dueOn, status: input.status }));
      risk.updatedAt = new Date();
      await this.emit(manager, await manager.save(risk), context);
      return action;
    });
  }

  async updateAction(input: UpdateRiskActionInput, context: EventContext, access: Access): Promise<RiskActionEntity> {
    if (input.title !== undefined && !input.title?.trim()) throw riskErrors.raise('TITLE_REQUIRED', 'an action needs a title');
    checkDate('dueOn', input.dueOn);
    await this.requirePeople(this.deps.dataSource.manager, context.organisationId, [input.ownerId]);
    return this.deps.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(RiskActionEntity, { id: input.actionId, organisationId: context.organisationId });
      if (!existing) throw riskErrors.raise('ACTION_NOT_FOUND', `action ${input.actionId} does not exist`);
      const risk = await this.lockRisk(manager, context.organisationId, existing.riskId, access);
      if (input.title) existing.title = input.title.trim();
      if (input.ownerId !== undefined) existing.ownerId = input.ownerId ?? null;
      if (input.dueOn) existing.dueOn = input.dueOn;
      if (input.status) existing.status = input.status;
      const saved = await manager.save(existing);
      risk.updatedAt = new Date();
      await this.emit(manager, await manager.save(risk), context);
      return saved;
    });
  }

  async actionsByRisk(organisationId: string, riskIds: readonly string[]): Promise<Map<string, RiskActionEntity[]>> {
    const rows = await this.deps.dataSource.getRepository(RiskActionEntity).find({ where: { organisationId, riskId: In([...riskIds]) }, order: { dueOn: 'ASC', title: 'ASC' } });
    return group(rows, (r) => r.riskId);
  }

  async assessmentsByRisk(organisationId: string, riskIds: readonly string[]): Promise<Map<string, RiskAssessmentEntity[]>> {
    const rows = await this.deps.dataSource.getRepository(RiskAssessmentEntity).find({ where: { organisationId, riskId: In([...riskIds]) }, order: { assessedAt: 'ASC' } });
    return group(rows, (r) => r.riskId);
  }

  async assetIdsByRisk(organisationId: string, riskIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { risk_id: string; asset_id: string }[] = await this.deps.dataSource.query('SELECT risk_id, asset_id FROM risk_asset WHERE organisation_id = $1 AND risk_id = ANY($2::uuid[])', [organisationId, [...riskIds]]);
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.risk_id, [...(map.get(row.risk_id) ?? []), row.asset_id]);
    return map;
  }
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(key(row));
    if (list) list.push(row);
    else map.set(key(row), [row]);
  }
  return map;
}
