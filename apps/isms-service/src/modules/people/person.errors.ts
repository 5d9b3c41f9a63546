import { defineErrors } from '@iso27001/platform';

export const personErrors = defineErrors({
  PERSON_NOT_FOUND: 'NOT_FOUND',
  UNIT_NOT_FOUND: 'BAD_USER_INPUT',
  MANAGER_NOT_FOUND: 'BAD_USER_INPUT',
  EMAIL_TAKEN: 'CONFLICT',
});
