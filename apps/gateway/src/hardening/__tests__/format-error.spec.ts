import { formatGatewayError } from '../format-error';

describe('the errors the gateway answers with', () => {
  it("keeps a subgraph's coded domain error: message, code, category, details and fields", () => {
    const formatted = formatGatewayError({
      message: 'person 42 does not exist',
      path: ['createRisk'],
      extensions: { code: 'UNKNOWN_PERSON', category: 'BAD_USER_INPUT', details: { field: 'ownerIds' }, fields: [{ field: 'ownerIds' }], serviceName: 'risk', stacktrace: ['at /work/x.ts:1'] },
    });
    expect(formatted).toEqual({
      message: 'person 42 does not exist',
      path: ['createRisk'],
      extensions: { code: 'UNKNOWN_PERSON', category: 'BAD_USER_INPUT', details: { field: 'ownerIds' }, fields: [{ field: 'ownerIds' }] },
    });
  });

  it('hides anything else behind "internal error", with no stack trace, upstream response or address', () => {
    const formatted = formatGatewayError({
      message: 'request to http://127.0.0.1:4003/graphql failed, reason: socket hang up',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', response: { url: 'http://127.0.0.1:4003/graphql', body: 'secret' }, stacktrace: ['Error', 'at /work/main/x.ts'] },
    });
    expect(formatted).toEqual({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(formatGatewayError({ message: 'relation "x" does not exist' })).toEqual({ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('strips internal addresses from messages that pass, and names the token limit', () => {
    expect(formatGatewayError({ message: 'cannot reach http://127.0.0.1:4003/graphql or 10.0.0.7:80', extensions: { code: 'SERVICE_UNAVAILABLE' } }).message).toBe(
      'cannot reach [internal address] or [internal address]',
    );
    expect(formatGatewayError({ message: 'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })).toEqual({
      message: 'the document has more than 2000 tokens; the limit is 2000 (MAX_TOKENS)',
      extensions: { code: 'GRAPHQL_PARSE_FAILED', limit: 'MAX_TOKENS', max: 2000 },
    });
  });
});
