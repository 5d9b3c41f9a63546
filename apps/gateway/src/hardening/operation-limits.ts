import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

/** The size limits of one operation; each is checked before any subgraph is asked. */
export interface OperationLimits {
  /** Nesting of fields, introspection included (`__schema { types { fields { type { ofType … } } } }`). */
  maxDepth: number;
  /** Aliased fields in the operation (1,000 aliases of one list field fetch it 1,000 times). */
  maxAliases: number;
  /** graphql-armor's cost: objects 2, scalars 1, multiplied by 1.5 per level of nesting. */
  maxCost: number;
  maxDirectives: number;
  /** Lexical tokens of the document; enforced by graphql-js's parser, before a document is even built. */
  maxTokens: number;
}

/** graphql-armor says "Syntax Error: Query Cost limit of 5000 exceeded, found 6000."; the caller is told what and which setting. */
function refusal(setting: string, what: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /limit of (-?\d+) exceeded, found (\d+)/.exec(error.message);
    const message = found
      ? `the operation's ${what} is ${found[2]}; the limit is ${found[1]} (${setting})`
      : `the operation exceeds the limit on its ${what} (${setting})`;
    context?.reportError(
      new GraphQLError(message, {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: setting, ...(found ? { max: Number(found[1]), found: Number(found[2]) } : {}) },
      }),
    );
  };
}

/** The graphql-armor rules for these limits, as Apollo validation rules (they run once per distinct document). */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true } as const;
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, onReject: [refusal('MAX_QUERY_DEPTH', 'depth')] }),
    maxAliasesRule({ ...common, n: limits.maxAliases, onReject: [refusal('MAX_ALIASES', 'number of aliases')] }),
    costLimitRule({ ...common, maxCost: limits.maxCost, ignoreIntrospection: false, flattenFragments: true, onReject: [refusal('MAX_QUERY_COST', 'cost')] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [refusal('MAX_DIRECTIVES', 'number of directives')] }),
  ] as ValidationRule[];
}
