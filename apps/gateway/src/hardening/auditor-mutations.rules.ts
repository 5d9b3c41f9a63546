import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Mutations an external auditor may run (on their own engagement; audit-service checks the engagement). */
export const EXTERNAL_AUDITOR_MUTATIONS: ReadonlySet<string> = new Set(['raiseFinding', 'addFindingComment']);

/**
 * Every root field an operation selects, also through inline and named fragments at any nesting. `@skip`/`@include`
 * are ignored on purpose: a field that might run counts, so a check built on this fails closed.
 */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        // An unknown fragment never passes validation; were it to get here, refuse rather than ignore it.
        if (!fragment) fields.add(`...${name}`);
        else collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...fields];
}

/** The root mutation fields an external auditor may not run (`__typename` is harmless). */
export function mutationsRefusedToAuditor(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  if (operation.operation !== 'mutation') return [];
  return rootFields(document, operation).filter((field) => field !== '__typename' && !EXTERNAL_AUDITOR_MUTATIONS.has(field));
}
