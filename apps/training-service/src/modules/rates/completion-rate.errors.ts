import { defineErrors } from '@iso27001/platform';

export const completionRateErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: 'NOT_FOUND',
  UNIT_OUT_OF_SCOPE: 'FORBIDDEN',
});
