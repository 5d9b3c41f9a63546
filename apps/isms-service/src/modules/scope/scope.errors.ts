import { defineErrors } from '@iso27001/platform';

export const scopeErrors = defineErrors({
  SCOPE_NOT_FOUND: 'NOT_FOUND',
  DRAFT_EXISTS: 'CONFLICT',
  NOT_A_DRAFT: 'CONFLICT',
  UNIT_NOT_FOUND: 'BAD_USER_INPUT',
  UNIT_INACTIVE: 'BAD_USER_INPUT',
  SCOPE_INCOMPLETE: 'BAD_USER_INPUT',
});
