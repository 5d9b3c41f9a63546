import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { AssetEntity } from './asset.entity';
import { toAssetType } from './asset.mapper';
import { AssetService } from './asset.service';

export function assetLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, AssetEntity | null> {
  return loader(context, 'assets', () => {
    const assets = new AssetService(deps);
    return new DataLoader<string, AssetEntity | null>(async (ids) => {
      const found = new Map((await assets.byIds(context.claims.organisationId, ids)).map((a) => [a.id, a]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

export function assetRiskIdsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, string[]> {
  return loader(context, 'asset-risk-ids', () => {
    const assets = new AssetService(deps);
    return new DataLoader<string, string[]>(async (ids) => {
      const found = await assets.riskIdsByAsset(context.claims.organisationId, ids);
      return ids.map((id) => found.get(id) ?? []);
    });
  });
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
