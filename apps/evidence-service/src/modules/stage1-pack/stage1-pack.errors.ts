import { defineErrors } from '@iso27001/platform';

export const stage1PackErrors = defineErrors({
  STAGE1_SCOPE_NOT_FOUND: 'NOT_FOUND',
  STAGE1_PACK_REFUSED: 'FORBIDDEN',
});
