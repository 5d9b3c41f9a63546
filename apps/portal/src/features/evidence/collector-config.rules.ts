/**
 * The configuration form of a collector, derived from the JSON Schema evidence-service publishes for it
 * (`EvidenceCollector.configSchema`): one field per leaf setting (nested objects become dotted fields such as
 * `assertion.path`), and the values typed into the form turned back into the JSON the API validates.
 */

/** How a setting is entered. `json` is for values with no simpler form (maps, lists, any JSON). */
export type ConfigFieldKind = 'text' | 'choice' | 'integer' | 'number' | 'boolean' | 'json';

export interface ConfigField {
  /** Dotted path in the configuration, e.g. `assertion.path`. */
  key: string;
  label: string;
  kind: ConfigFieldKind;
  required: boolean;
  options: string[];
  minimum: number | null;
  maximum: number | null;
  /** The form's starting value, as the form holds it (text, or a boolean). */
  initial: string | boolean;
  /** What the user reads under the field: format, range, default. */
  hint: string | null;
}

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `timeoutSeconds` → `Timeout seconds`, `url` → `URL`. */
export function settingLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => (/^(url|uri|http|json|id)$/i.test(word) ? word.toUpperCase() : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function kindOf(schema: Schema): ConfigFieldKind {
  if (Array.isArray(schema['enum']) && schema['enum'].every((option) => typeof option === 'string')) return 'choice';
  switch (schema['type']) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'json';
  }
}

function hintOf(schema: Schema, kind: ConfigFieldKind): string | null {
  const parts: string[] = [];
  if (typeof schema['description'] === 'string') parts.push(schema['description']);
  if (schema['format'] === 'uri') parts.push('an absolute URL (https://…)');
  if (typeof schema['pattern'] === 'string' && schema['pattern'].startsWith('^\\$')) parts.push('a JSONPath starting with $, e.g. $.status');
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : null;
  const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : null;
  if (min !== null && max !== null) parts.push(`${min} to ${max}`);
  else if (min !== null) parts.push(`at least ${min}`);
  else if (max !== null) parts.push(`at most ${max}`);
  if (kind === 'json') parts.push('JSON');
  if (schema['default'] !== undefined && kind !== 'boolean') parts.push(`default ${JSON.stringify(schema['default'])}`);
  return parts.length ? parts.join(' · ') : null;
}

function initialOf(schema: Schema, kind: ConfigFieldKind): string | boolean {
  const fallback = schema['default'];
  if (kind === 'boolean') return fallback === true;
  if (fallback === undefined) return '';
  if (kind === 'json') return isObject(fallback) && Object.keys(fallback).length === 0 ? '' : JSON.stringify(fallback);
  return String(fallback);
}

/** The form's fields for a collector's JSON Schema (an unreadable schema gives none: the collector takes no settings). */
export function configFieldsOf(schemaText: string): ConfigField[] {
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch {
    return [];
  }
  const fields: ConfigField[] = [];
  const walk = (node: Schema, prefix: string[], labels: string[], parentRequired: boolean) => {
    const properties = isObject(node['properties']) ? node['properties'] : {};
    const required = Array.isArray(node['required']) ? (node['required'] as unknown[]) : [];
    for (const [name, child] of Object.entries(properties)) {
      if (!isObject(child)) continue;
      const isRequired = parentRequired && required.includes(name);
      if (child['type'] === 'object' && isObject(child['properties'])) {
        walk(child, [...prefix, name], [...labels, settingLabel(name)], isRequired);
        continue;
      }
      const kind = kindOf(child);
      fields.push({
        key: [...prefix, name].join('.'),
        label: [...labels, settingLabel(name)].join(': '),
        kind,
        required: isRequired,
        options: kind === 'choice' ? (child['enum'] as string[]) : [],
        minimum: typeof child['minimum'] === 'number' ? child['minimum'] : null,
        maximum: typeof child['maximum'] === 'number' ? child['maximum'] : null,
        initial: initialOf(child, kind),
        hint: hintOf(child, kind),
      });
    }
  };
  if (isObject(schema)) walk(schema, [], [], true);
  return fields;
}

/** The starting values of a form, keyed by field. */
export function initialConfigValues(fields: ConfigField[]): Record<string, string | boolean> {
  return Object.fromEntries(fields.map((field) => [field.key, field.initial]));
}

function put(target: Schema, path: string[], value: unknown): void {
  let node = target;
  for (const step of path.slice(0, -1)) {
    if (!isObject(node[step])) node[step] = {};
    node = node[step] as Schema;
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * The configuration the form's values describe, or the problem of each field (keyed like the fields): a required
 * setting left empty, a number that is not one or out of range, JSON that does not parse. Empty optional settings
 * are left out, so the collector's defaults apply.
 */
export function configFromValues(fields: ConfigField[], values: Record<string, string | boolean>): { config: Record<string, unknown>; errors: Record<string, string> } {
  const config: Schema = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.key] ?? field.initial;
    const path = field.key.split('.');
    if (field.kind === 'boolean') {
      put(config, path, raw === true);
      continue;
    }
    const text = String(raw).trim();
    if (!text) {
      if (field.required) errors[field.key] = `${field.label} is required`;
      continue;
    }
    if (field.kind === 'integer' || field.kind === 'number') {
      const value = Number(text);
      if (!Number.isFinite(value) || (field.kind === 'integer' && !Number.isInteger(value))) {
        errors[field.key] = `${field.label} must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}`;
        continue;
      }
      if ((field.minimum !== null && value < field.minimum) || (field.maximum !== null && value > field.maximum)) {
        errors[field.key] = `${field.label} must be ${field.minimum ?? '…'} to ${field.maximum ?? '…'}`;
        continue;
      }
      put(config, path, value);
      continue;
    }
    if (field.kind === 'json') {
      try {
        put(config, path, JSON.parse(text));
      } catch {
        errors[field.key] = `${field.label} must be JSON (text in double quotes, e.g. "ok")`;
      }
      continue;
    }
    if (field.kind === 'choice' && !field.options.includes(text)) {
      errors[field.key] = `${field.label} must be one of ${field.options.join(', ')}`;
      continue;
    }
    put(config, path, text);
  }
  return { config, errors };
}

/** Whether a configuration as the API returns it hides secrets (header values): saving it back would overwrite them. */
export function hidesSecrets(configText: string): boolean {
  return configText.includes('"[redacted]"');
}
