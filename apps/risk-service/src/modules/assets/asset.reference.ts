import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToManyLoader, oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { mayReadRisks } from '../risks/risk.scope';
import { AssetEntity } from './asset.entity';
import { toAssetType } from './asset.mapper';
import { AssetService } from './asset.service';

/** Assets by id within the caller's reach: one outside it loads as null, as if it did not exist. */
export function assetLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, AssetEntity | null> {
  return oneToOneLoader(context, 'assets', (ids) => new AssetService(deps).byIds(context.claims.organisationId, ids, context.access));
}

export function assetRiskIdsLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, string[]> {
  return oneToManyLoader(context, 'asset-risk-ids', (ids: readonly string[]) => new AssetService(deps).riskIdsByAsset(context.claims.organisationId, ids));
}

/** Assets referred to by other subgraphs: only for the inventory's readers, and only those within their reach. */
export function assetReference(deps: ServiceDeps) {
  return {
    RiskAsset: {
      __resolveReference: scopedReference(ScopeRule.Units, "the inventory's readers, and only assets of their units or owned by them (null otherwise)", async (reference: { id: string }, context: RequestContext) => {
        if (!mayReadRisks(context.claims)) return null;
        const asset = await assetLoader(deps, context).load(reference.id);
        return asset ? toAssetType(asset) : null;
      }),
    },
  };
}
