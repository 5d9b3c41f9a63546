import { defineErrors } from '@iso27001/platform';

export const evidenceRequirementErrors = defineErrors({
  REQUIREMENT_NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_CONTROL: 'BAD_USER_INPUT',
  REQUIREMENT_TITLE_REQUIRED: 'BAD_USER_INPUT',
  REQUIREMENT_RETIRED: 'CONFLICT',
  NOTHING_TO_CHANGE: 'BAD_USER_INPUT',
});
