import {
  getNamedType,
  GraphQLArgument,
  GraphQLInputType,
  GraphQLObjectType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { isUuid } from './loaders';

/** One refused value: where it is (`filter.ownerId`, `input.assetIds`) and what is wrong with it. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * `ID`s that are keys of the ISO/IEC 27001 catalogue (libs/iso27001), not UUIDs: Annex A controls ("A.5.1") and
 * clause or gap-analysis items ("4.1", "A.5.1"). Arguments and input fields are named the same way in every service,
 * so the names are the rule; every other `ID` holds a UUID. A new catalogue key under another name is refused as
 * "must be a UUID" until it is added here, which fails closed.
 */
export const CATALOGUE_ID_NAMES: ReadonlySet<string> = new Set(['controlId', 'controlIds', 'itemId']);

/** Federated entities whose key is a catalogue key (a `Control` reference carries "A.5.1"). */
export const CATALOGUE_ENTITIES: ReadonlySet<string> = new Set(['Control']);

/** More problems than this in one request are not listed: the first ones say enough. */
const MAX_PROBLEMS = 20;

/*
 * C0 control characters other than tab (U+0009), line feed (U+000A) and carriage return (U+000D), and UTF-16
 * surrogates that are not part of a pair (with the `u` flag a well-formed pair is one code point and does not match).
 * PostgreSQL refuses U+0000 in text; the others have no business in a name or a justification and hide text.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/u;

function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a text value (a control character, a lone surrogate), or null when it is fine. */
export function textProblem(value: string): string | null {
  const match = FORBIDDEN_CHARACTER.exec(value);
  if (!match) return null;
  const at = `at character ${match.index + 1}`;
  const character = match[0];
  if (character >= '\uD800') return `must be valid Unicode text: it holds a lone surrogate ${codePoint(character)} ${at}`;
  return `must not contain the control character ${codePoint(character)} (${at}); tab, line feed and carriage return are allowed`;
}

/** What is wrong with a value of an `ID` named `name`, or null: a UUID unless the name is a catalogue key. */
export function idProblem(name: string, value: string): string | null {
  return CATALOGUE_ID_NAMES.has(name) || isUuid(value) ? null : 'must be a UUID';
}

class Problems {
  private readonly byField = new Map<string, string[]>();
  private count = 0;

  get full(): boolean {
    return this.count >= MAX_PROBLEMS;
  }

  /** Worded like the services' own validation messages: the name first ("ownerId must be a UUID"). */
  add(field: string, name: string, positions: readonly number[], problem: string): void {
    if (this.full) return;
    this.count += 1;
    const where = positions.length > 0 ? ` (item ${positions.map((p) => p + 1).join('.')})` : '';
    const text = `${name}${where} ${problem}`;
    const list = this.byField.get(field);
    if (list) list.push(text);
    else this.byField.set(field, [text]);
  }

  list(): FieldProblem[] {
    return [...this.byField].map(([field, problems]) => ({ field, problems }));
  }
}

/**
 * Walks a value against its input type. `name` is the argument or input field the value belongs to (list items
 * belong to their list), `path` its dotted place in the arguments; list positions go into the problem's text
 * ("assetIds (item 2) must be a UUID"), so the field stays the form field a client shows the problem on.
 */
function walk(type: GraphQLInputType, value: unknown, name: string, path: string, positions: readonly number[], problems: Problems): void {
  if (value === null || value === undefined || problems.full) return;
  if (isNonNullType(type)) {
    walk(type.ofType, value, name, path, positions, problems);
    return;
  }
  if (isListType(type)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => walk(type.ofType as GraphQLInputType, item, name, path, [...positions, index], problems));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(type.getFields())) {
      walk(field.type, (value as Record<string, unknown>)[field.name], field.name, `${path}.${field.name}`, positions, problems);
    }
    return;
  }
  // Enums arrive as their internal values, chosen by the schema: only scalars carry the caller's text.
  if (!isScalarType(type) || typeof value !== 'string') return;
  const problem = textProblem(value) ?? (type.name === 'ID' ? idProblem(name, value) : null);
  if (problem) problems.add(path, name, positions, problem);
}

/** The problems of a field's (coerced) arguments, or [] when every value is acceptable. */
export function argumentProblems(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): FieldProblem[] {
  const problems = new Problems();
  for (const definition of definitions) walk(definition.type, args[definition.name], definition.name, definition.name, [], problems);
  return problems.list();
}

/** True when a field has arguments that could carry a caller's text or ids (anything but numbers, flags and enums). */
export function hasTextArguments(definitions: readonly GraphQLArgument[]): boolean {
  const seen = new Set<string>();
  const carriesText = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (isScalarType(named)) return !['Int', 'Float', 'Boolean'].includes(named.name);
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((field) => carriesText(field.type));
  };
  return definitions.some((definition) => carriesText(definition.type));
}

/**
 * What is wrong with a federated reference (`{ __typename, id }` from the gateway) for the entity type `type`: a key
 * field typed `ID` that is no UUID (unless the entity is keyed by the catalogue), or text with a control character.
 */
export function referenceProblems(type: GraphQLObjectType, reference: Record<string, unknown>): FieldProblem[] {
  const problems = new Problems();
  const visit = (objectType: GraphQLObjectType, value: Record<string, unknown>, path: string): void => {
    for (const [key, keyValue] of Object.entries(value)) {
      if (key === '__typename') continue;
      const field = objectType.getFields()[key];
      const fieldPath = path ? `${path}.${key}` : key;
      const named = field ? getNamedType(field.type) : undefined;
      if (typeof keyValue === 'string') {
        const problem = textProblem(keyValue) ?? (named?.name === 'ID' && !CATALOGUE_ENTITIES.has(type.name) && !isUuid(keyValue) ? 'must be a UUID' : null);
        if (problem) problems.add(fieldPath, key, [], problem);
      } else if (keyValue && typeof keyValue === 'object' && !Array.isArray(keyValue) && named && isObjectType(named)) {
        visit(named, keyValue as Record<string, unknown>, fieldPath);
      }
    }
  };
  visit(type, reference, '');
  return problems.list();
}
