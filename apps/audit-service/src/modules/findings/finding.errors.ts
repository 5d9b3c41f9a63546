import { defineErrors } from '@iso27001/platform';

export const findingErrors = defineErrors({
  ENGAGEMENT_NOT_FOUND: 'BAD_USER_INPUT',
  ENGAGEMENT_CLOSED: 'CONFLICT',
  UNKNOWN_CONTROL: 'BAD_USER_INPUT',
});
