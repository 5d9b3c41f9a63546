import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, RISK_EDITORS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { OrgUnitRefType, personRef, PersonRefType, unitRef } from '../people/person.type';
import { toRiskType } from '../risks/risk.mapper';
import { riskLoader } from '../risks/risk.reference';
import { RiskType } from '../risks/risk.type';
import { AssetListArgs, CreateAssetInput, UpdateAssetInput } from './asset.input';
import { toAssetType } from './asset.mapper';
import { assetLoader, assetRiskIdsLoader } from './asset.reference';
import { AssetService } from './asset.service';
import { AssetConnectionType, AssetType } from './asset.type';

@Resolver(() => AssetType)
export class AssetResolver {
  private readonly service: AssetService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new AssetService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => AssetConnectionType, { description: 'The asset inventory, by name; filtered and paginated.' })
  async riskAssets(@Args() args: AssetListArgs, @Ctx() context: RequestContext): Promise<AssetConnectionType> {
    const { assets, totalCount } = await this.service.list(context.claims.organisationId, args);
    return Object.assign(new AssetConnectionType(), { nodes: assets.map(toAssetType), totalCount });
  }

  @Authorized(AUDIT_READERS)
  @Query(() => AssetType, { nullable: true })
  async riskAsset(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AssetType | null> {
    const asset = await assetLoader(this.deps, context).load(id);
    return asset ? toAssetType(asset) : null;
  }

  @Authorized(RISK_EDITORS)
  @Mutation(() => AssetType)
  async createRiskAsset(@Arg('input') input: CreateAssetInput, @Ctx() context: RequestContext): Promise<AssetType> {
    return toAssetType(await this.service.create(input, eventContext(context)));
  }

  @Authorized(RISK_EDITORS)
  @Mutation(() => AssetType)
  async updateRiskAsset(@Arg('input') input: UpdateAssetInput, @Ctx() context: RequestContext): Promise<AssetType> {
    return toAssetType(await this.service.update(input, eventContext(context)));
  }

  @Authorized(RISK_EDITORS)
  @Mutation(() => Boolean, { description: 'Removes the asset and its links to risks.' })
  async deleteRiskAsset(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.service.delete(id, eventContext(context));
  }

  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() asset: AssetType): PersonRefType | null {
    return personRef(asset.ownerId);
  }

  @FieldResolver(() => OrgUnitRefType, { nullable: true })
  unit(@Root() asset: AssetType): OrgUnitRefType | null {
    return unitRef(asset.unitId);
  }

  @FieldResolver(() => [RiskType])
  async risks(@Root() asset: AssetType, @Ctx() context: RequestContext): Promise<RiskType[]> {
    const ids = await assetRiskIdsLoader(this.deps, context).load(asset.id);
    const risks = await riskLoader(this.deps, context).loadMany(ids);
    return risks.flatMap((r) => (r && !(r instanceof Error) ? [toRiskType(r)] : [])).sort((a, b) => a.title.localeCompare(b.title));
  }
}
