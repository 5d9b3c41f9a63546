import { CombinedGraphQLErrors } from '@apollo/client';
import type { SoaDiffField, SoaReason } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { DIFF_FIELD_LABELS, IMPLEMENTATION_LABELS, REASON_LABELS } from './soa-labels';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Id -> display name (a risk's title, a person's name, a unit's name …). */
export type Names = ReadonlyMap<string, string>;

export function namesOf(...lists: readonly (readonly { id: string; name?: string | null; title?: string | null }[])[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of lists) for (const item of list) names.set(item.id, item.name ?? item.title ?? '');
  return names;
}

/**
 * A server text with ids in it ("risk 3d7e… (Cardholder data …) relies on the control") as a person reads it: each
 * known id becomes its name, an unknown one "another record"; a risk written as "risk <id> (<title>)" keeps its title.
 */
export function nameIds(text: string, names: Names, unknown = 'another record'): string {
  return text
    .replace(new RegExp(`risk (${UUID.source}) \\(([^)]*)\\)`, 'gi'), (_, id: string, title: string) => `risk “${names.get(id.toLowerCase()) ?? names.get(id) ?? title}”`)
    .replace(UUID, (id) => {
      const name = names.get(id.toLowerCase()) ?? names.get(id);
      return name ? `“${name}”` : unknown;
    });
}

/** The error of a refused change in words, with names in place of ids. */
export function errorText(error: unknown, names: Names = new Map()): string {
  const described = describeError(error);
  return nameIds([described.summary, ...described.details].join(' '), names);
}

/** The domain error code of a refused change ("JUSTIFICATION_REQUIRED"), if the API sent one. */
export function errorCode(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function itemList(ids: string, names: Names, what: string): string {
  const list = ids.split(',').map((id) => id.trim()).filter(Boolean);
  const known = list.map((id) => names.get(id)).filter((name): name is string => Boolean(name));
  if (known.length === list.length) return known.map((name) => `“${name}”`).join(', ');
  return plural(list.length, what);
}

/** Why a control operates or not, from the API's reason, naming evidence by title where the portal knows it. */
export function explainOperatingReason(reason: string, evidenceTitles: Names = new Map()): string {
  const after = (pattern: RegExp): string | null => pattern.exec(reason)?.[1] ?? null;
  const nonconformity = /^open (major|minor) nonconformity: finding (.+)$/.exec(reason);
  if (nonconformity) return `An open ${nonconformity[1] ?? ''} nonconformity (${plural((nonconformity[2] ?? '').split(',').length, 'audit finding')}) has not been closed.`;
  const approved = after(/^approved evidence: (.+)$/);
  if (approved) return `Approved, valid evidence: ${itemList(approved, evidenceTitles, 'evidence item')}.`;
  const expired = after(/^evidence expired: (.+)$/);
  if (expired) return `The evidence has expired: ${itemList(expired, evidenceTitles, 'evidence item')}. Collect current evidence.`;
  const pending = after(/^no approved evidence \(awaiting review: (.+)\)$/);
  if (pending) return `No approved evidence yet; awaiting review: ${itemList(pending, evidenceTitles, 'evidence item')}.`;
  if (reason === 'no approved evidence') return 'No approved evidence yet: collect evidence that the control operates.';
  return nameIds(reason, evidenceTitles, 'an item');
}

/** A value of a version diff ("applicable", "LEGAL, BUSINESS", a list of ids) as words and names. */
export function diffValue(field: SoaDiffField, value: string | null, names: Names): string {
  if (value === null || value === '') return '—';
  switch (field) {
    case 'APPLICABILITY':
      return value === 'applicable' ? 'Applicable' : 'Not applicable';
    case 'REASONS':
      return value
        .split(',')
        .map((reason) => REASON_LABELS[reason.trim() as SoaReason] ?? reason.trim())
        .join(', ');
    case 'IMPLEMENTATION_STATUS':
      return IMPLEMENTATION_LABELS[value as keyof typeof IMPLEMENTATION_LABELS] ?? value;
    case 'OWNERS':
      return itemList(value, names, 'person').replace(/[“”]/g, '');
    case 'RISKS':
      return itemList(value, names, 'risk');
    case 'POLICIES':
      return itemList(value, names, 'policy');
    case 'EVIDENCE':
      return itemList(value, names, 'evidence item');
    case 'JUSTIFICATION':
      return value;
  }
}

/** "Applicability, Justification" */
export function fieldList(fields: readonly SoaDiffField[]): string {
  return fields.map((field) => DIFF_FIELD_LABELS[field]).join(', ');
}
