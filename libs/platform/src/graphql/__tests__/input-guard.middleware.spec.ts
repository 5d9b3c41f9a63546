import 'reflect-metadata';
import { graphql, GraphQLSchema } from 'graphql';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, getMetadataStorage, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Role } from '@iso27001/authz';
import { RequestContext } from '../context';
import { formatError } from '../errors';
import { buildFederatedSchema } from '../federation';

const UUID = '7b0f2a6e-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
const calls: string[] = [];

@ObjectType()
@Directive('@key(fields: "id")')
class Widget {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@InputType()
class RenameWidgetInput {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [ID], { nullable: true }) controlIds?: string[];
}

@Resolver(() => Widget)
class WidgetResolver {
  @Authorized(Role.IsmsManager)
  @Query(() => Widget, { nullable: true })
  widget(@Arg('id', () => ID) id: string): Widget {
    calls.push(`widget ${id}`);
    return { id, name: 'w' };
  }

  @Authorized(Role.IsmsManager)
  @Mutation(() => Widget)
  renameWidget(@Arg('input') input: RenameWidgetInput): Widget {
    calls.push(`rename ${input.id}`);
    return { id: input.id, name: input.name };
  }

  @FieldResolver(() => String)
  label(@Root() widget: Widget, @Arg('prefix', { nullable: true }) prefix?: string): string {
    return `${prefix ?? ''}${widget.name}`;
  }

  @FieldResolver(() => String)
  plain(@Root() widget: Widget, @Ctx() _context: RequestContext): string {
    return widget.name.toUpperCase();
  }
}

const context = (roles: Role[]) => ({ claims: { sub: 'u', organisationId: 'org', roles }, requestId: 'r', loaders: new Map() });

describe('the input guard on a built subgraph schema', () => {
  let schema: GraphQLSchema;
  const references = { Widget: { __resolveReference: jest.fn((reference: { id: string }) => ({ id: reference.id, name: 'ref' })) } };

  beforeAll(async () => {
    ({ schema } = await buildFederatedSchema({ resolvers: [WidgetResolver] }, references));
    // A second build from the same classes (the SDL for composition, then the served schema) guards them once.
    ({ schema } = await buildFederatedSchema({ resolvers: [WidgetResolver] }, references));
  });
  beforeEach(() => {
    calls.length = 0;
    references.Widget.__resolveReference.mockClear();
  });

  const run = async (source: string, roles: Role[] = [Role.IsmsManager], variableValues?: Record<string, unknown>) => {
    const result = await graphql({ schema, source, contextValue: context(roles), variableValues });
    return { data: result.data, errors: result.errors?.map((error) => formatError(error.toJSON(), error)) };
  };

  it('refuses a malformed id before the resolver runs, naming the argument', async () => {
    const result = await run('{ widget(id: "not-a-uuid") { id } }');
    expect(result.errors).toEqual([
      {
        message: 'invalid input: id: id must be a UUID',
        path: ['widget'],
        extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field: 'id', problems: ['id must be a UUID'] }] },
      },
    ]);
    expect(calls).toEqual([]);
  });

  it('refuses a NUL byte inside an input object and leaves catalogue keys alone', async () => {
    const result = await run('mutation($input: RenameWidgetInput!) { renameWidget(input: $input) { id } }', [Role.IsmsManager], {
      input: { id: UUID, name: 'a\u0000b', controlIds: ['A.5.1'] },
    });
    expect(result.errors?.[0]?.extensions?.['fields']).toEqual([{ field: 'input.name', problems: [expect.stringMatching(/^name must not contain the control character U\+0000/)] }]);
    expect(calls).toEqual([]);
    expect((await run('mutation { renameWidget(input: { id: "' + UUID + '", name: "ok", controlIds: ["A.5.1"] }) { id } }')).errors).toBeUndefined();
    expect(calls).toEqual([`rename ${UUID}`]);
  });

  it('answers FORBIDDEN, not the input problem, to a caller the role gate refuses', async () => {
    const result = await run('{ widget(id: "not-a-uuid") { id } }', [Role.Employee]);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', category: 'FORBIDDEN' });
  });

  it('checks the arguments of field resolvers too', async () => {
    const result = await run(`{ widget(id: "${UUID}") { id label(prefix: "\u001b[31m") plain } }`);
    expect(result.errors?.[0]).toMatchObject({ path: ['widget', 'label'], extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'prefix' }] } });
    expect(result.data).toEqual({ widget: null });
  });

  it('leaves field resolvers without arguments alone, so a list pays nothing for the guard', () => {
    const guardedMethods = getMetadataStorage()
      .middlewares.filter((entry) => entry.target === WidgetResolver)
      .map((entry) => entry.fieldName)
      .sort();
    expect(guardedMethods).toEqual(['label', 'renameWidget', 'widget']);
  });

  it('resolves references with a malformed key to null without calling the service', async () => {
    const result = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Widget { id } } }', [Role.IsmsManager], {
      r: [{ __typename: 'Widget', id: UUID }, { __typename: 'Widget', id: 'not-a-uuid' }, { __typename: 'Widget', id: `${UUID}\u0000` }],
    });
    expect(result).toEqual({ data: { _entities: [{ id: UUID }, null, null] }, errors: undefined });
    expect(references.Widget.__resolveReference).toHaveBeenCalledTimes(1);
  });
});
