import { CombinedGraphQLErrors } from '@apollo/client';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { EvidenceFileRequestError } from '../../lib/evidence-files';

/** The API's error code of a refused operation or file request, when it gave one. */
export function evidenceErrorCode(error: unknown): string | null {
  if (error instanceof EvidenceFileRequestError) return error.code;
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const code = e.extensions?.['code'];
    if (typeof code === 'string') return code;
  }
  return null;
}

function serverMessage(error: unknown): string {
  const message = error instanceof EvidenceFileRequestError ? error.message : CombinedGraphQLErrors.is(error) ? (error.errors[0]?.message ?? '') : '';
  const sentence = message ? message.charAt(0).toUpperCase() + message.slice(1) : '';
  return sentence && !/[.!?]$/.test(sentence) ? `${sentence}.` : sentence;
}

/**
 * A refused evidence step in words a person can act on, from the API's code: the collector may not review their own
 * evidence (segregation of duties), a rejection needs a reason, a newer version or another reviewer got there first,
 * a file the platform does not take. Falls back to the portal's general wording.
 */
export function evidenceRefusal(error: unknown): string {
  const code = evidenceErrorCode(error);
  const message = serverMessage(error);
  switch (code) {
    case 'SELF_APPROVAL':
      return `${message} Ask another ISMS manager or administrator to review it.`;
    case 'REASON_REQUIRED':
      return `${message}`;
    case 'VERSION_NOT_CURRENT':
    case 'EVIDENCE_ALREADY_REVIEWED':
      return `${message} Someone changed it meanwhile: the page now shows its current state.`;
    case 'OUT_OF_SCOPE':
      return `${message || 'This is outside the units you are responsible for.'} You can only collect evidence for your own units.`;
    case 'FILE_TYPE_REFUSED':
      return `${message} Upload a PDF, an image (PNG, JPEG), an office document, a ZIP or a text file.`;
    case 'FILE_TOO_LARGE':
    case 'FILE_EMPTY':
    case 'FILE_NAME_INVALID':
    case 'UNKNOWN_FILE':
      return message;
    default:
      return describeError(error).summary;
  }
}

/** Refusals that concern one field of the evidence forms, keyed by that field, with input validation's own. */
export function evidenceFieldErrors(error: unknown): Record<string, string> {
  const fields = serverFieldErrors(error);
  const message = serverMessage(error);
  switch (evidenceErrorCode(error)) {
    case 'REASON_REQUIRED':
      return { ...fields, reason: message };
    case 'LINK_NOT_HTTPS':
      return { ...fields, url: message };
    case 'UNKNOWN_CONTROL':
    case 'MAPPING_REQUIRED':
      return { ...fields, controlIds: message };
    case 'VALID_UNTIL_BEFORE_EFFECTIVE':
      return { ...fields, validUntil: message };
    case 'PERIOD_END_BEFORE_START':
      return { ...fields, periodEnd: message };
    case 'COLLECTED_IN_FUTURE':
      return { ...fields, collectedAt: message };
    case 'RECORD_INVALID_JSON':
    case 'RECORD_TOO_LARGE':
      return { ...fields, note: message };
    case 'UNKNOWN_FILE':
    case 'FILE_TYPE_REFUSED':
    case 'FILE_TOO_LARGE':
    case 'FILE_EMPTY':
    case 'FILE_NAME_INVALID':
      return { ...fields, file: evidenceRefusal(error) };
    default:
      return fields;
  }
}
