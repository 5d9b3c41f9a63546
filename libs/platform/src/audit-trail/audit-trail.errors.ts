import { defineErrors } from '../graphql/errors';

export const auditTrailErrors = defineErrors({
  AUDIT_TRAIL_OUTSIDE_GRANT: 'FORBIDDEN',
  AUDIT_TRAIL_INVALID_RANGE: 'BAD_USER_INPUT',
});
