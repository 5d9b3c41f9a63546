import { defineErrors } from '@iso27001/platform';

export const courseErrors = defineErrors({
  COURSE_NOT_FOUND: 'BAD_USER_INPUT',
  COURSE_CONTENT_INVALID: 'BAD_USER_INPUT',
  RETAKE_DUE_REQUIRED: 'BAD_USER_INPUT',
});
