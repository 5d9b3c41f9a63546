/**
 * Error codes of evidence file uploads and downloads, with the HTTP status each is answered with. The body is always
 * `{ code, message }`, the message naming what is wrong; never a stack, a path or an internal address.
 */
export const EVIDENCE_FILE_ERRORS = {
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  UPLOAD_MALFORMED: 400,
  FILE_MISSING: 400,
  FILE_EMPTY: 400,
  FILE_NAME_INVALID: 400,
  UNIT_ID_INVALID: 400,
  FILE_ID_INVALID: 400,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_REFUSED: 415,
  FILE_NOT_FOUND: 404,
  STORAGE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type EvidenceFileErrorCode = keyof typeof EVIDENCE_FILE_ERRORS;

export class EvidenceFileError extends Error {
  readonly status: number;

  constructor(
    readonly code: EvidenceFileErrorCode,
    message: string,
  ) {
    super(message);
    this.status = EVIDENCE_FILE_ERRORS[code];
  }

  toJSON(): { code: EvidenceFileErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
