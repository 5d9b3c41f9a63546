import { Access, coversRecord } from '@iso27001/authz';
import { assertInScope } from '@iso27001/platform';
import { AssetEntity } from './asset.entity';

/** An asset the caller may read: of their units (sub-units included) or owned by them; all for organisation-wide roles. */
export function coversAsset(access: Access, asset: Pick<AssetEntity, 'unitId' | 'ownerId'>): boolean {
  return coversRecord(access, { unitId: asset.unitId, ownerIds: [asset.ownerId] });
}

/** Refuses a change to (or a link with) an asset outside the caller's reach, before anything is written. */
export function assertAssetInScope(access: Access, asset: Pick<AssetEntity, 'unitId' | 'ownerId' | 'name'>): void {
  assertInScope(access, { unitId: asset.unitId, ownerIds: [asset.ownerId] }, `asset "${asset.name}"`);
}
