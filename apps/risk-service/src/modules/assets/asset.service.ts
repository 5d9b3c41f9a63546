import { EntityManager, In } from 'typeorm';
import { Access } from '@iso27001/authz';
import { RiskAssetDeleted, RiskAssetUpserted } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { RiskConfig } from '../../config';
import { unknownPeople } from '@iso27001/org-replica';
import { RiskEntity } from '../risks/risk.entity';
import { assertPlacementInScope, assertRiskInScope, coversRisk, scopeSql, unitChanges } from '../risks/risk.scope';
import { RiskService } from '../risks/risk.service';
import { AssetEntity } from './asset.entity';
import { assertAssetInScope, coversAsset } from './asset.scope';
import { assetErrors } from './asset.errors';
import { AssetListArgs, CreateAssetInput, UpdateAssetInput } from './asset.input';
import { toAssetEventData } from './asset.mapper';
import { CLASSIFICATION_VALUES } from './asset.type';

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export class AssetService {
  private readonly risks: RiskService;

  constructor(private readonly deps: ServiceDeps) {
    this.risks = new RiskService(deps);
  }

  /** The inventory within the caller's reach (their units' assets and those they own), filtered and paged. */
  async list(organisationId: string, args: AssetListArgs, access: Access): Promise<{ assets: AssetEntity[]; totalCount: number }> {
    const qb = this.deps.dataSource.getRepository(AssetEntity).createQueryBuilder('a').where('a.organisation_id = :organisationId', { organisationId });
    const params: unknown[] = [];
    const reach = scopeSql(access, { unit: 'a.unit_id', owner: 'a.owner_id' }, params);
    // TypeORM names its parameters; the reach clause's positional ones are renamed to named ones here.
    if (reach) qb.andWhere(reach.replace(/\$(\d+)/g, (_, n: string) => `:reach${n}`), Object.fromEntries(params.map((value, i) => [`reach${i + 1}`, value])));
    if (args.type) qb.andWhere('a.type = :type', { type: args.type });
    if (args.ownerId) qb.andWhere('a.owner_id = :ownerId', { ownerId: args.ownerId });
    if (args.unitId) qb.andWhere('a.unit_id = :unitId', { unitId: args.unitId });
    if (args.search?.trim()) qb.andWhere('a.name ILIKE :search', { search: `%${args.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const [assets, totalCount] = await qb.orderBy('a.name', 'ASC').addOrderBy('a.id', 'ASC').offset(args.offset).limit(args.first).getManyAndCount();
    return { assets, totalCount };
  }

  /** The assets of these ids the caller may read; the others are left out, as if they did not exist. */
  async byIds(organisationId: string, ids: readonly string[], access: Access): Promise<AssetEntity[]> {
    return (await findByIds(this.deps.dataSource.getRepository(AssetEntity), { organisationId }, ids)).filter((asset) => coversAsset(access, asset));
  }

  async riskIdsByAsset(organisationId: string, assetIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { risk_id: string; asset_id: string }[] = await this.deps.dataSource.query('SELECT risk_id, asset_id FROM risk_asset WHERE organisation_id = $1 AND asset_id = ANY($2::uuid[])', [organisationId, [...assetIds]]);
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.asset_id, [...(map.get(row.asset_id) ?? []), row.risk_id]);
    return map;
  }

  private async requireOwner(organisationId: string, ownerId: string | null | undefined): Promise<void> {
    const unknown = await unknownPeople(this.deps.dataSource.manager, organisationId, [ownerId], (this.deps.config as Partial<RiskConfig>).PERSON_REPLICA_WAIT_MS ?? 5_000);
    if (unknown.length > 0) throw assetErrors.raise('UNKNOWN_PERSON', `not an active person of the organisation (as known from isms-service): ${unknown.join(', ')}`, { personIds: unknown });
  }

  /**
   * Replaces the asset's risk links; every risk whose links changed records RiskUpserted (it carries assetIds). A
   * risk to link must be within the caller's reach (OUT_OF_SCOPE otherwise); links to risks outside it are kept.
   */
  private async replaceRiskLinks(manager: EntityManager, asset: AssetEntity, requested: string[], context: EventContext, access: Access): Promise<void> {
    const found = await manager.getRepository(RiskEntity).findBy({ organisationId: asset.organisationId, id: In(requested) });
    const unknown = requested.filter((id) => !found.some((r) => r.id === id));
    if (unknown.length > 0) throw assetErrors.raise('UNKNOWN_RISKS', `not risks of the register: ${unknown.join(', ')}`, { riskIds: unknown });
    for (const risk of found) assertRiskInScope(access, risk);
    const previous: { risk_id: string; unit_id: string | null; owner_id: string | null }[] = await manager.query(
      'SELECT ra.risk_id, r.unit_id, r.owner_id FROM risk_asset ra JOIN risk r ON r.id = ra.risk_id WHERE ra.asset_id = $1',
      [asset.id],
    );
    const hidden = previous.filter((link) => !coversRisk(access, { unitId: link.unit_id, ownerId: link.owner_id })).map((link) => link.risk_id);
    const riskIds = [...new Set([...requested, ...hidden])];
    await manager.query('DELETE FROM risk_asset WHERE asset_id = $1', [asset.id]);
    if (riskIds.length > 0) await manager.query('INSERT INTO risk_asset (organisation_id, risk_id, asset_id) SELECT $1, unnest($2::uuid[]), $3', [asset.organisationId, riskIds, asset.id]);
    const before = new Set(previous.map((p) => p.risk_id));
    const changed = [...new Set([...before, ...riskIds])].filter((id) => before.has(id) !== riskIds.includes(id));
    await this.emitRisks(manager, asset.organisationId, changed, context);
  }

  private async emitRisks(manager: EntityManager, organisationId: string, riskIds: string[], context: EventContext): Promise<void> {
    if (riskIds.length === 0) return;
    const risks = await manager.getRepository(RiskEntity).createQueryBuilder('r').setLock('pessimistic_write').where('r.organisation_id = :organisationId AND r.id IN (:...riskIds)', { organisationId, riskIds }).orderBy('r.id').getMany();
    for (const risk of risks) await this.risks.emit(manager, risk, context);
  }

  private async emit(manager: EntityManager, asset: AssetEntity, context: EventContext): Promise<void> {
    const links: { risk_id: string }[] = await manager.query('SELECT risk_id FROM risk_asset WHERE asset_id = $1', [asset.id]);
    await this.deps.outbox.record(manager, RiskAssetUpserted, asset.id, toAssetEventData(asset, links.map((l) => l.risk_id)), context);
  }

  async create(input: CreateAssetInput, context: EventContext, access: Access): Promise<AssetEntity> {
    const name = input.name.trim();
    if (!name) throw assetErrors.raise('NAME_REQUIRED', 'an asset needs a name');
    assertPlacementInScope(access, { unitId: input.unitId, ownerId: input.ownerId }, 'the new asset');
    await this.requireOwner(context.organisationId, input.ownerId);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const asset = await manager.save(
          manager.create(AssetEntity, {
            organisationId: context.organisationId,
            type: input.type,
            name,
            description: input.description?.trim() || null,
            ownerId: input.ownerId ?? null,
            unitId: input.unitId ?? null,
            confidentiality: CLASSIFICATION_VALUES[input.confidentiality],
            integrity: CLASSIFICATION_VALUES[input.integrity],
            availability: CLASSIFICATION_VALUES[input.availability],
          }),
        );
        await this.replaceRiskLinks(manager, asset, [...new Set(input.riskIds ?? [])], context, access);
        await this.emit(manager, asset, context);
        return asset;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw assetErrors.raise('ASSET_NAME_TAKEN', `an asset named "${name}" already exists`);
      throw error;
    }
  }

  async update(input: UpdateAssetInput, context: EventContext, access: Access): Promise<AssetEntity> {
    if (input.name !== undefined && !input.name?.trim()) throw assetErrors.raise('NAME_REQUIRED', 'an asset needs a name');
    await this.requireOwner(context.organisationId, input.ownerId);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const asset = await manager.getRepository(AssetEntity).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id AND a.organisation_id = :organisationId', { id: input.assetId, organisationId: context.organisationId }).getOne();
        if (!asset) throw assetErrors.raise('ASSET_NOT_FOUND', `asset ${input.assetId} does not exist`);
        assertAssetInScope(access, asset);
        if (unitChanges(asset.unitId, input.unitId)) {
          assertPlacementInScope(access, { unitId: input.unitId, ownerId: input.ownerId !== undefined ? input.ownerId : asset.ownerId }, `asset "${asset.name}"`);
        }
        if (input.type) asset.type = input.type;
        if (input.name) asset.name = input.name.trim();
        if (input.description !== undefined) asset.description = input.description?.trim() || null;
        if (input.ownerId !== undefined) asset.ownerId = input.ownerId ?? null;
        if (input.unitId !== undefined) asset.unitId = input.unitId ?? null;
        if (input.confidentiality) asset.confidentiality = CLASSIFICATION_VALUES[input.confidentiality];
        if (input.integrity) asset.integrity = CLASSIFICATION_VALUES[input.integrity];
        if (input.availability) asset.availability = CLASSIFICATION_VALUES[input.availability];
        asset.updatedAt = new Date();
        const saved = await manager.save(asset);
        if (input.riskIds != null) await this.replaceRiskLinks(manager, saved, [...new Set(input.riskIds)], context, access);
        await this.emit(manager, saved, context);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw assetErrors.raise('ASSET_NAME_TAKEN', `an asset named "${input.name?.trim()}" already exists`);
      throw error;
    }
  }

  /** Removes an asset; its risks lose the link (each records RiskUpserted) and the deletion is an event. */
  async delete(assetId: string, context: EventContext, access: Access): Promise<boolean> {
    return this.deps.dataSource.transaction(async (manager) => {
      const asset = await manager.findOneBy(AssetEntity, { id: assetId, organisationId: context.organisationId });
      if (!asset) throw assetErrors.raise('ASSET_NOT_FOUND', `asset ${assetId} does not exist`);
      assertAssetInScope(access, asset);
      const links: { risk_id: string }[] = await manager.query('SELECT risk_id FROM risk_asset WHERE asset_id = $1', [asset.id]);
      await manager.query('DELETE FROM risk_asset WHERE asset_id = $1', [asset.id]);
      await manager.delete(AssetEntity, { id: asset.id });
      await this.emitRisks(manager, asset.organisationId, links.map((l) => l.risk_id), context);
      await this.deps.outbox.record(manager, RiskAssetDeleted, asset.id, { id: asset.id, name: asset.name }, context);
      return true;
    });
  }
}
