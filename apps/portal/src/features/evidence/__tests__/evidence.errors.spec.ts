import { CombinedGraphQLErrors } from '@apollo/client';
import { EvidenceFileRequestError } from '../../../lib/evidence-files';
import { evidenceErrorCode, evidenceFieldErrors, evidenceRefusal } from '../evidence.errors';

function refused(code: string, category: string, message: string) {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, category } }], data: null });
}

describe('evidenceRefusal', () => {
  it('explains a reviewer who collected the version, with what to do', () => {
    const text = evidenceRefusal(refused('SELF_APPROVAL', 'FORBIDDEN', 'segregation of duties: you collected this version of the evidence, so someone else must review it'));
    expect(text).toBe('Segregation of duties: you collected this version of the evidence, so someone else must review it. Ask another ISMS manager or administrator to review it.');
  });

  it('tells the reviewer the item moved on when a newer version came in', () => {
    expect(evidenceRefusal(refused('VERSION_NOT_CURRENT', 'CONFLICT', 'version 1 is no longer current'))).toMatch(/^Version 1 is no longer current\. Someone changed it meanwhile/);
  });

  it('names the types the platform takes when a file type is refused', () => {
    const error = new EvidenceFileRequestError(415, 'FILE_TYPE_REFUSED', 'The content is HTML, which is not accepted');
    expect(evidenceErrorCode(error)).toBe('FILE_TYPE_REFUSED');
    expect(evidenceRefusal(error)).toMatch(/^The content is HTML, which is not accepted\. Upload a PDF/);
  });

  it('falls back to the general wording for a bare role refusal, without the code', () => {
    const text = evidenceRefusal(refused('FORBIDDEN', 'FORBIDDEN', 'Access denied!'));
    expect(text).toBe('Your role may not see or change this. If you need it, ask your ISMS manager for access.');
  });
});

describe('evidenceFieldErrors', () => {
  it('puts a missing rejection reason on the reason field', () => {
    expect(evidenceFieldErrors(refused('REASON_REQUIRED', 'BAD_USER_INPUT', 'a reason is required when rejecting evidence'))).toEqual({ reason: 'A reason is required when rejecting evidence.' });
  });

  it('puts a link that is not https on the address field and an unknown control on the controls', () => {
    expect(evidenceFieldErrors(refused('LINK_NOT_HTTPS', 'BAD_USER_INPUT', 'links must use https'))).toEqual({ url: 'Links must use https.' });
    expect(evidenceFieldErrors(refused('UNKNOWN_CONTROL', 'BAD_USER_INPUT', 'A.9.9 is not an Annex A control'))).toEqual({ controlIds: 'A.9.9 is not an Annex A control.' });
  });

  it('leaves refusals that concern no field to the alert', () => {
    expect(evidenceFieldErrors(refused('SELF_APPROVAL', 'FORBIDDEN', 'segregation of duties'))).toEqual({});
  });
});
