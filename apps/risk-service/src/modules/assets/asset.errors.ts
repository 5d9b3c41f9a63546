import { defineErrors } from '@iso27001/platform';

export const assetErrors = defineErrors({
  ASSET_NOT_FOUND: 'NOT_FOUND',
  ASSET_NAME_TAKEN: 'CONFLICT',
  NAME_REQUIRED: 'BAD_USER_INPUT',
  UNKNOWN_PERSON: 'BAD_USER_INPUT',
  UNKNOWN_RISKS: 'BAD_USER_INPUT',
});
