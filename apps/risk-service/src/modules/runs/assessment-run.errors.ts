import { defineErrors } from '@iso27001/platform';

export const runErrors = defineErrors({
  RUN_NOT_FOUND: 'NOT_FOUND',
  TITLE_REQUIRED: 'BAD_USER_INPUT',
});
