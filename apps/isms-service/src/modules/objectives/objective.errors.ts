import { defineErrors } from '@iso27001/platform';

export const objectiveErrors = defineErrors({
  OBJECTIVE_NOT_FOUND: 'NOT_FOUND',
  OWNER_NOT_FOUND: 'BAD_USER_INPUT',
  MEASUREMENT_IN_FUTURE: 'BAD_USER_INPUT',
  OBJECTIVE_CLOSED: 'CONFLICT',
});
