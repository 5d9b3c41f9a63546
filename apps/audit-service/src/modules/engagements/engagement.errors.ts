import { defineErrors } from '@iso27001/platform';

export const engagementErrors = defineErrors({
  ENGAGEMENT_NOT_FOUND: 'NOT_FOUND',
  ENGAGEMENT_DATES_INVALID: 'BAD_USER_INPUT',
  ENGAGEMENT_STATUS_INVALID: 'CONFLICT',
  OUTSIDE_ENGAGEMENT_GRANT: 'FORBIDDEN',
});
