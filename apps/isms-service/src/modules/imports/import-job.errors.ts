import { defineErrors } from '@iso27001/platform';

export const importJobErrors = defineErrors({
  IMPORT_JOB_NOT_FOUND: 'NOT_FOUND',
  FILE_EMPTY: 'BAD_USER_INPUT',
  FILE_TOO_LARGE: 'BAD_USER_INPUT',
  FILE_NOT_BASE64: 'BAD_USER_INPUT',
});
