import DataLoader from 'dataloader';
import { oneToManyLoader, oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { AssetEntity } from './asset.entity';
import { toAssetType } from './asset.mapper';
import { AssetService } from './asset.service';

export function assetLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, AssetEntity | null> {
  return oneToOneLoader(context, 'assets', (ids) => new AssetService(deps).byIds(context.claims.organisationId, ids));
}

export function assetRiskIdsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, string[]> {
  return oneToManyLoader(context, 'asset-risk-ids', (ids: readonly string[]) => new AssetService(deps).riskIdsByAsset(context.claims.organisationId, ids));
}

export function assetReference(deps: ServiceDeps) {
  return {
    RiskAsset: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const asset = await assetLoader(deps, context).load(reference.id);
        return asset ? toAssetType(asset) : null;
      },
    },
  };
}
