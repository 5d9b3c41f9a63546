import { defineErrors } from '@iso27001/platform';

export const orgUnitErrors = defineErrors({
  ORG_UNIT_NOT_FOUND: 'NOT_FOUND',
  PARENT_NOT_FOUND: 'BAD_USER_INPUT',
  NAME_TAKEN: 'CONFLICT',
});
