import { buildSchema, GraphQLObjectType } from 'graphql';
import { argumentProblems, hasTextArguments, idProblem, referenceProblems, textProblem } from '../input-guard.rules';

const UUID = '7b0f2a6e-3c1d-4e5f-8a9b-0c1d2e3f4a5b';

const schema = buildSchema(`
  scalar DateTimeISO
  enum Level { LOW HIGH }
  input RiskFilter { ownerId: ID, unitId: ID, search: String, level: Level }
  input Entry { title: String!, assetIds: [ID!] }
  input Change { riskId: ID!, controlIds: [ID!], entries: [Entry!], due: DateTimeISO, score: Int }
  type Risk { id: ID!, title: String }
  type Control { id: ID! }
  type Query {
    register(filter: RiskFilter, first: Int): [Risk!]!
    risk(id: ID!): Risk
    counts(first: Int, level: Level, flag: Boolean): Int
    policies(controlId: ID): [Risk!]!
  }
  type Mutation { change(input: Change!): Risk! }
`);

const field = (type: 'Query' | 'Mutation', name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name]!;

describe('textProblem', () => {
  it('accepts text, tab, line feed, carriage return and characters outside the BMP', () => {
    expect(textProblem('Ransomware\tencrypts\r\nthe file servers — 😀 ü')).toBeNull();
  });

  it('names a NUL byte and the other C0 control characters with their position', () => {
    expect(textProblem('ab\u0000c')).toBe('must not contain the control character U+0000 (at character 3); tab, line feed and carriage return are allowed');
    expect(textProblem('\u001B[31m')).toMatch(/U\+001B \(at character 1\)/);
    expect(textProblem('x\u000Bx')).toMatch(/U\+000B/);
  });

  it('refuses a lone surrogate, high or low, but not a pair', () => {
    expect(textProblem('a\uD83D')).toBe('must be valid Unicode text: it holds a lone surrogate U+D83D at character 2');
    expect(textProblem('\uDE00b')).toMatch(/lone surrogate U\+DE00 at character 1/);
    expect(textProblem('\uD83D\uDE00')).toBeNull();
  });
});

describe('idProblem', () => {
  it('wants a UUID, except under a catalogue key name', () => {
    expect(idProblem('ownerId', UUID)).toBeNull();
    expect(idProblem('ownerId', UUID.toUpperCase())).toBeNull();
    expect(idProblem('ownerId', 'not-a-uuid')).toBe('must be a UUID');
    expect(idProblem('id', `${UUID} `)).toBe('must be a UUID');
    expect(idProblem('controlId', 'A.5.1')).toBeNull();
    expect(idProblem('controlIds', 'A.8.13')).toBeNull();
    expect(idProblem('itemId', '4.1')).toBeNull();
  });
});

describe('argumentProblems', () => {
  it('accepts well-formed arguments and missing optional ones', () => {
    expect(argumentProblems(field('Query', 'register').args, { filter: { ownerId: UUID, search: 'file\tservers' }, first: 5 })).toEqual([]);
    expect(argumentProblems(field('Query', 'register').args, {})).toEqual([]);
    expect(argumentProblems(field('Query', 'policies').args, { controlId: 'A.5.1' })).toEqual([]);
  });

  it('names the argument path of an id that is not a UUID inside an input object', () => {
    expect(argumentProblems(field('Query', 'register').args, { filter: { ownerId: 'not-a-uuid' } })).toEqual([{ field: 'filter.ownerId', problems: ['ownerId must be a UUID'] }]);
    expect(argumentProblems(field('Query', 'risk').args, { id: '42' })).toEqual([{ field: 'id', problems: ['id must be a UUID'] }]);
  });

  it('finds problems in lists and nested inputs, naming the item, and lists them all', () => {
    const problems = argumentProblems(field('Mutation', 'change').args, {
      input: { riskId: UUID, controlIds: ['A.5.1'], entries: [{ title: 'ok', assetIds: [UUID, 'x'] }, { title: 'bad\u0000' }], due: new Date(), score: 3 },
    });
    expect(problems).toEqual([
      { field: 'input.entries.assetIds', problems: ['assetIds (item 1.2) must be a UUID'] },
      { field: 'input.entries.title', problems: [expect.stringMatching(/^title \(item 2\) must not contain the control character U\+0000/)] },
    ]);
  });

  it('reports a control character in an id as such, not as a malformed UUID', () => {
    expect(argumentProblems(field('Query', 'risk').args, { id: `${UUID}\u0000` })).toEqual([{ field: 'id', problems: [expect.stringMatching(/control character U\+0000/)] }]);
  });

  it('stops listing after twenty problems', () => {
    const input = { riskId: UUID, entries: Array.from({ length: 50 }, () => ({ title: '\u0000' })) };
    expect(argumentProblems(field('Mutation', 'change').args, { input })[0]!.problems).toHaveLength(20);
  });
});

describe('hasTextArguments', () => {
  it('is true for arguments that may carry text or ids, false for numbers, flags and enums only', () => {
    expect(hasTextArguments(field('Query', 'register').args)).toBe(true);
    expect(hasTextArguments(field('Mutation', 'change').args)).toBe(true);
    expect(hasTextArguments(field('Query', 'counts').args)).toBe(false);
  });
});

describe('referenceProblems', () => {
  const risk = schema.getType('Risk') as GraphQLObjectType;
  const control = schema.getType('Control') as GraphQLObjectType;

  it('accepts a UUID key and a catalogue entity key', () => {
    expect(referenceProblems(risk, { __typename: 'Risk', id: UUID })).toEqual([]);
    expect(referenceProblems(control, { __typename: 'Control', id: 'A.5.1' })).toEqual([]);
  });

  it('refuses a key that is not a UUID and a key with a control character', () => {
    expect(referenceProblems(risk, { __typename: 'Risk', id: 'not-a-risk-id' })).toEqual([{ field: 'id', problems: ['id must be a UUID'] }]);
    expect(referenceProblems(control, { __typename: 'Control', id: 'A.5.1\u0000' })).toEqual([{ field: 'id', problems: [expect.stringMatching(/U\+0000/)] }]);
  });
});
