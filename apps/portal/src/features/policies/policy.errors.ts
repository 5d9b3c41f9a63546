import { CombinedGraphQLErrors } from '@apollo/client';
import { serverFieldErrors } from '../../lib/errors';

/** The API's error code (`extensions.code`) of a refused operation, when it gave one. */
export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const code = e.extensions?.['code'];
    if (typeof code === 'string') return code;
  }
  return null;
}

function serverMessage(error: unknown): string {
  if (!CombinedGraphQLErrors.is(error)) return '';
  const message = error.errors[0]?.message ?? '';
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : '';
}

/**
 * A refused policy step in words, for the refusals that are not about access in general: the approver must hold
 * the named role and must be neither the author nor the submitter (segregation of duties), and a version moves one
 * step at a time (a draft is submitted before it can be approved).
 * Null when the generic description (describeError) says it better.
 */
export function policyRefusal(error: unknown): string | null {
  const code = errorCode(error);
  const message = serverMessage(error);
  switch (code) {
    case 'SEGREGATION_OF_DUTIES':
      return `${message}. Segregation of duties: someone else holding the approver role must approve it.`;
    case 'APPROVER_ROLE_REQUIRED':
      return 'Only someone holding the role this policy names as its approver may approve it or return it to draft. Switch to that role if you hold it, or ask its holder.';
    case 'VERSION_NOT_DRAFT':
    case 'VERSION_NOT_SUBMITTED':
    case 'VERSION_NOT_APPROVED':
    case 'VERSION_IN_PROGRESS':
    case 'NOTHING_PUBLISHED':
      return `${message}. Someone may have moved it on meanwhile: the page now shows its current state.`;
    default:
      return null;
  }
}

/** Domain refusals that concern one field of the policy forms, keyed by that field, with input validation's own. */
export function policyFieldErrors(error: unknown): Record<string, string> {
  const fields = serverFieldErrors(error);
  const message = serverMessage(error);
  switch (errorCode(error)) {
    case 'RETURN_COMMENT_REQUIRED':
      return { ...fields, comment: `${message}.` };
    case 'POLICY_TITLE_TAKEN':
      return { ...fields, title: 'Another policy has this title: choose a different one.' };
    case 'UNKNOWN_CONTROL':
      return { ...fields, controlIds: `${message}.` };
    case 'AUDIENCE_REQUIRED':
    case 'AUDIENCE_AMBIGUOUS':
      return { ...fields, unitIds: `${message}.` };
    case 'CONTENT_REQUIRED':
      return { ...fields, body: `${message}.` };
    case 'FILE_INVALID':
    case 'FILE_TOO_LARGE':
    case 'FILE_TYPE_NOT_ALLOWED':
    case 'FILE_CHECKSUM_MISMATCH':
      return { ...fields, file: `${message}.` };
    default:
      return fields;
  }
}
