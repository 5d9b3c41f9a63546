import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { dataExceptionCode, formatError, InvalidInputError, loggingFormatError } from '../errors';

/** What node-postgres throws for a refused value: a DatabaseError with PostgreSQL's SQLSTATE and severity. */
function driverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'error', code, severity: 'ERROR', routine: 'string_to_uuid' });
}

const asResolverError = (original: Error) => new GraphQLError(original.message, { path: ['riskRegister'], originalError: original });
const formattedOf = (error: GraphQLError) => ({ message: error.message, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });

describe('formatError for refused input', () => {
  it('answers an InvalidInputError as VALIDATION_FAILED with the fields the portal reads', () => {
    const error = asResolverError(new InvalidInputError([{ field: 'filter.ownerId', problems: ['must be a UUID'] }]));
    expect(formatError(formattedOf(error), error)).toEqual({
      message: 'invalid input: filter.ownerId: must be a UUID',
      path: ['riskRegister'],
      extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field: 'filter.ownerId', problems: ['must be a UUID'] }] },
    });
  });

  it.each([
    ['22P02', 'invalid input syntax for type uuid: "not-a-uuid"', /not in the form its field needs/],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', /cannot be stored/],
    ['22001', 'value too long for type character varying(200)', /longer than its field allows/],
    ['22007', 'invalid input syntax for type timestamp: "x"', /date or time is not valid/],
    ['22008', 'date/time field value out of range: "2026-13-45"', /out of range/],
    ['22023', 'invalid parameter value', /not valid for its field/],
  ])('answers PostgreSQL data exception %s as BAD_USER_INPUT without the SQL or the driver text', (code, text, wording) => {
    const failure = new QueryFailedError('SELECT * FROM risk WHERE owner_id = $1', ['not-a-uuid'], driverError(code, text));
    const error = asResolverError(failure);
    const result = formatError(formattedOf(error), error);
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', category: 'BAD_USER_INPUT' });
    expect(result.message).toMatch(wording);
    expect(JSON.stringify(result)).not.toMatch(/SELECT|owner_id|not-a-uuid|uuid:|UTF8|character varying|\$1/);
  });

  it('leaves other database errors and look-alike codes internal', () => {
    const uniqueViolation = asResolverError(new QueryFailedError('INSERT …', [], driverError('23505', 'duplicate key value')));
    expect(formatError(formattedOf(uniqueViolation), uniqueViolation).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    // A code without PostgreSQL's severity is not a protocol message.
    const lookAlike = asResolverError(Object.assign(new Error('x'), { code: '22P02' }));
    expect(formatError(formattedOf(lookAlike), lookAlike).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(dataExceptionCode(undefined)).toBeNull();
  });

  it('logs a data exception that reached it, since an input check let it through', () => {
    const logger = { error: jest.fn() };
    const error = asResolverError(new QueryFailedError('SELECT', [], driverError('22021', 'invalid byte sequence')));
    const result = loggingFormatError(logger)(formattedOf(error), error);
    expect(result.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ path: ['riskRegister'] }), expect.stringMatching(/a check is missing/));
  });

  it('does not log refused input the guard caught', () => {
    const logger = { error: jest.fn() };
    const error = asResolverError(new InvalidInputError([{ field: 'id', problems: ['must be a UUID'] }]));
    loggingFormatError(logger)(formattedOf(error), error);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
