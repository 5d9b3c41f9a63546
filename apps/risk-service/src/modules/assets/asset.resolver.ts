import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, RISK_EDITORS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
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
  @Scoped(ScopeRule.Units, "assets of the caller's units (sub-units included) and those they own, filtered in SQL with totalCount; organisation-wide roles all")
  @Query(() => AssetConnectionType, { description: 'The asset inventory, by name; filtered and paginated.' })
  async riskAssets(@Args() args: AssetListArgs, @Ctx() context: RequestContext): Promise<AssetConnectionType> {
    const { assets, totalCount } = await this.service.list(context.claims.organisationId, args, context.access);
    return Object.assign(new AssetConnectionType(), { nodes: assets.map(toAssetType), totalCount });
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "an asset outside the caller's reach is null, as if it did not exist")
  @Query(() => AssetType, { nullable: true })
  async riskAsset(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AssetType | null> {
    const asset = await assetLoader(this.deps, context).load(id);
    return asset ? toAssetType(asset) : null;
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, "only into one of the caller's units (without a unit: organisation-wide roles, or the caller as its owner); linked risks must be in reach; else OUT_OF_SCOPE, nothing written")
  @Mutation(() => AssetType)
  async createRiskAsset(@Arg('input') input: CreateAssetInput, @Ctx() context: RequestContext): Promise<AssetType> {
    return toAssetType(await this.service.create(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, "an asset of the caller's units or owned by them, moved only into one of their units; links to risks out of reach are kept untouched; else OUT_OF_SCOPE")
  @Mutation(() => AssetType)
  async updateRiskAsset(@Arg('input') input: UpdateAssetInput, @Ctx() context: RequestContext): Promise<AssetType> {
    return toAssetType(await this.service.update(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, "an asset of the caller's units or owned by them; else OUT_OF_SCOPE, nothing deleted")
  @Mutation(() => Boolean, { description: 'Removes the asset and its links to risks.' })
  async deleteRiskAsset(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<boolean> {
    return this.service.delete(id, eventContext(context), context.access);
  }

  @Scoped(ScopeRule.Parent, "the id of the asset's owner")
  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() asset: AssetType): PersonRefType | null {
    return personRef(asset.ownerId);
  }

  @Scoped(ScopeRule.Parent, "the id of the asset's unit")
  @FieldResolver(() => OrgUnitRefType, { nullable: true })
  unit(@Root() asset: AssetType): OrgUnitRefType | null {
    return unitRef(asset.unitId);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "linked risks filtered like the register: only those of the caller's units or owned by them")
  @FieldResolver(() => [RiskType])
  async risks(@Root() asset: AssetType, @Ctx() context: RequestContext): Promise<RiskType[]> {
    const ids = await assetRiskIdsLoader(this.deps, context).load(asset.id);
    const risks = await riskLoader(this.deps, context).loadMany(ids);
    return risks.flatMap((r) => (r && !(r instanceof Error) ? [toRiskType(r)] : [])).sort((a, b) => a.title.localeCompare(b.title));
  }
}
