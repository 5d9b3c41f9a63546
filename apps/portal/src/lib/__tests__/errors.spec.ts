import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describeError, serverFieldErrors } from '../errors';

function graphQLErrors(...errors: { message: string; extensions?: Record<string, unknown> }[]) {
  return new CombinedGraphQLErrors({ errors, data: null });
}

describe('describeError', () => {
  it('says a bare role refusal in words, once, without codes', () => {
    const described = describeError(graphQLErrors({ message: 'Access denied!', extensions: { code: 'FORBIDDEN', category: 'FORBIDDEN' } }, { message: 'Access denied!', extensions: { code: 'FORBIDDEN' } }));
    expect(described.summary).toBe('Your role may not see or change this. If you need it, ask your ISMS manager for access.');
    expect(described.details).toEqual([]);
    expect(described.summary).not.toMatch(/FORBIDDEN/);
  });

  it('keeps the reason of a named rule (self-approval) instead of the generic role sentence', () => {
    const described = describeError(graphQLErrors({ message: 'you drafted or submitted scope version 3, so someone else in top management must approve it', extensions: { code: 'SELF_APPROVAL', category: 'FORBIDDEN' } }));
    expect(described.summary).toBe('you drafted or submitted scope version 3, so someone else in top management must approve it');
  });

  it("says why the gateway refused a request with 403 when its body names the rule (an auditor's revoked grant)", () => {
    const refused = (bodyText: string) => new ServerError('Response not successful', { response: new Response(bodyText, { status: 403 }), bodyText });
    expect(describeError(refused(JSON.stringify({ errors: [{ message: 'the audit grant is revoked', extensions: { code: 'AUDIT_GRANT_REFUSED', category: 'FORBIDDEN' } }] }))).summary).toBe('the audit grant is revoked');
    expect(describeError(refused('<html>no</html>')).summary).toBe('Your role may not see or change this. If you need it, ask your ISMS manager for access.');
  });

  it('asks to sign in again when the session ended, and offers a retry when a service is briefly down', () => {
    expect(describeError(graphQLErrors({ message: 'jwt expired', extensions: { code: 'UNAUTHENTICATED' } }))).toMatchObject({ unauthenticated: true, summary: 'Your session has ended. Sign in again to go on.' });
    expect(describeError(graphQLErrors({ message: 'risk-service is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }))).toMatchObject({ retryable: true, unauthenticated: false });
  });

  it('shows the server message of refused input, and never an internal error text', () => {
    expect(describeError(graphQLErrors({ message: 'title is already used by another policy', extensions: { code: 'TITLE_TAKEN', category: 'CONFLICT' } })).summary).toBe('title is already used by another policy');
    const internal = describeError(graphQLErrors({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect(internal.summary).toMatch(/^Something went wrong on the platform/);
    expect(internal.details).toEqual([]);
  });

  it('describes a failed network request without the address it tried', () => {
    const described = describeError(new TypeError('Failed to fetch'));
    expect(described.summary).toBe('The portal could not reach the platform. Check your connection and try again.');
    expect(JSON.stringify(described)).not.toContain('gateway.test');
  });
});

describe('serverFieldErrors', () => {
  it('puts validation problems and a domain error naming its field on the form field they concern', () => {
    const error = graphQLErrors(
      { message: 'invalid input', extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'input.title', problems: ['title must not be empty'] }] } },
      { message: 'say why the scope goes back to draft', extensions: { code: 'RETURN_COMMENT_REQUIRED', details: { field: 'comment' } } },
    );
    expect(serverFieldErrors(error)).toEqual({ title: 'title must not be empty', comment: 'say why the scope goes back to draft' });
  });

  it('has nothing for an error that names no field', () => {
    expect(serverFieldErrors(graphQLErrors({ message: 'nope', extensions: { code: 'CONFLICT' } }))).toEqual({});
    expect(serverFieldErrors(new Error('x'))).toEqual({});
  });
});
