import { ScopeRule } from '@iso27001/authz';

/** A field's declared record rule, with what it means for that field in words. */
export interface ScopeDeclaration {
  rule: ScopeRule;
  /** How the rule applies here, e.g. "risks of the caller's units or owned by them; writes outside refused". */
  note: string;
}

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
const declarations = new Map<Function, Map<string, ScopeDeclaration>>();

/**
 * Declares which records a resolver method returns or changes (`@Scoped(ScopeRule.Units, '…')` beside `@Authorized`).
 * The declaration documents the rule the method's service enforces; `scopeDeclarationOf` lets the permission matrix and
 * the completeness test read it.
 */
export function Scoped(rule: ScopeRule, note: string): MethodDecorator {
  return (target, propertyKey) => {
    const owner = (target as { constructor: Function }).constructor;
    let methods = declarations.get(owner);
    if (!methods) {
      methods = new Map();
      declarations.set(owner, methods);
    }
    methods.set(String(propertyKey), { rule, note });
  };
}

export function scopeDeclarationOf(target: Function, methodName: string): ScopeDeclaration | undefined {
  return declarations.get(target)?.get(methodName);
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */

const REFERENCE_SCOPE = Symbol('referenceScope');

type Reference = ((...args: never[]) => unknown) & { [REFERENCE_SCOPE]?: ScopeDeclaration };

/** Wraps a `__resolveReference` with its declared rule; the reference applies the same rule as the root fields. */
export function scopedReference<T extends (...args: never[]) => unknown>(rule: ScopeRule, note: string, resolve: T): T {
  (resolve as Reference)[REFERENCE_SCOPE] = { rule, note };
  return resolve;
}

export function referenceScopeOf(resolve: unknown): ScopeDeclaration | undefined {
  return typeof resolve === 'function' ? (resolve as Reference)[REFERENCE_SCOPE] : undefined;
}
