import { defineErrors } from '@iso27001/platform';

export const methodologyErrors = defineErrors({
  INVALID_METHODOLOGY: 'BAD_USER_INPUT',
  VALUE_NOT_ON_SCALE: 'BAD_USER_INPUT',
  METHODOLOGY_VERSION_NOT_FOUND: 'NOT_FOUND',
  METHODOLOGY_CHANGED: 'CONFLICT',
});
