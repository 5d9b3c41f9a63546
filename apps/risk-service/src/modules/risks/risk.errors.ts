import { defineErrors } from '@iso27001/platform';

export const riskErrors = defineErrors({
  RISK_NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_CONTROLS: 'BAD_USER_INPUT',
  CONTROLS_REQUIRED: 'BAD_USER_INPUT',
  RATIONALE_REQUIRED: 'BAD_USER_INPUT',
  TITLE_REQUIRED: 'BAD_USER_INPUT',
});
