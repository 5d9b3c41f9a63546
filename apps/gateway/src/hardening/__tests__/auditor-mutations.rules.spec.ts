import { Kind, OperationDefinitionNode, parse } from 'graphql';
import { mutationsRefusedToAuditor, rootFields } from '../auditor-mutations.rules';

function refused(source: string): string[] {
  const document = parse(source);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return mutationsRefusedToAuditor(document, operation);
}

describe('the mutations an external auditor may run', () => {
  it('allows the engagement mutations however they are written, and __typename', () => {
    expect(refused('mutation { raiseFinding(input: {}) { id } alias: addFindingComment(input: {}) { id } __typename }')).toEqual([]);
    expect(refused('mutation { ... on Mutation { raiseFinding(input: {}) { id } } }')).toEqual([]);
    expect(refused('mutation { ...F } fragment F on Mutation { addFindingComment(input: {}) { id } }')).toEqual([]);
  });

  it('finds a refused field at the top, in an inline fragment, in a named fragment and in fragments nested in both', () => {
    expect(refused('mutation { approveIsmsScope(id: "x") { id } }')).toEqual(['approveIsmsScope']);
    expect(refused('mutation { raiseFinding(input: {}) { id } ... on Mutation { approveIsmsScope(id: "x") { id } } }')).toEqual(['approveIsmsScope']);
    expect(refused('mutation { ...F } fragment F on Mutation { deleteControlImplementation(id: "x") { id } }')).toEqual(['deleteControlImplementation']);
    expect(
      refused(`mutation { ... on Mutation { ...A } }
        fragment A on Mutation { ... { ...B } raiseFinding(input: {}) { id } }
        fragment B on Mutation { ... @skip(if: true) { retirePolicy(id: "x") { id } } }`),
    ).toEqual(['retirePolicy']);
  });

  it('counts a field under @skip or @include as run (fails closed), and a fragment spread twice once', () => {
    expect(refused('mutation { createRisk(input: {}) @skip(if: true) { id } }')).toEqual(['createRisk']);
    expect(refused('mutation { ...F ...F } fragment F on Mutation { createRisk(input: {}) { id } }')).toEqual(['createRisk']);
  });

  it('does not look at queries, and reports root fields only, not nested ones', () => {
    expect(refused('query { controls { id } }')).toEqual([]);
    const document = parse('mutation { raiseFinding(input: {}) { id engagement { id } } }');
    expect(rootFields(document, document.definitions[0] as OperationDefinitionNode)).toEqual(['raiseFinding']);
  });
});
