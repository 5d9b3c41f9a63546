import { defineErrors } from '@iso27001/platform';

export const importErrors = defineErrors({
  MALFORMED_FILE: 'BAD_USER_INPUT',
  IMPORT_JOB_NOT_FOUND: 'NOT_FOUND',
});
