import { defineErrors } from '@iso27001/platform';

export const findingErrors = defineErrors({
  ENGAGEMENT_NOT_FOUND: 'NOT_FOUND',
  ENGAGEMENT_CLOSED: 'CONFLICT',
  UNKNOWN_CONTROL: 'BAD_USER_INPUT',
});
