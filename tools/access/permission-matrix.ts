import { getMetadataStorage } from 'type-graphql';
import { ALL_ROLES, Role, ROLE_REACH, SCOPE_RULE_TEXT, ScopeRule } from '@iso27001/authz';
import { auditTrailResolver, internalOnlyFields, referenceScopeOf, scopeDeclarationOf, ScopeDeclaration, SubgraphDefinition } from '@iso27001/platform';

/** One entry of the matrix: a root field, a field resolver or a federated reference of a subgraph. */
export interface PermissionEntry {
  subgraph: string;
  kind: 'query' | 'mutation' | 'field' | 'reference';
  /** `Query.risks`, `Mutation.assignRole`, `Policy.controls`, `Risk` (reference). */
  name: string;
  /** Roles of @Authorized; for a field resolver or a reference, those of the root field that reached the record. */
  roles: Role[] | null;
  scope: ScopeDeclaration | null;
}

interface Metadata {
  queries: { target: Function; methodName: string; schemaName: string }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  mutations: { target: Function; methodName: string; schemaName: string }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  fieldResolvers: { target: Function; methodName: string; schemaName: string; getObjectType?: () => Function }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  authorizedFields: { target: Function; fieldName: string; roles: Role[] }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  resolverClasses: { target: Function; getObjectType?: () => Function }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  objectTypes: { target: Function; name: string }[]; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
}

const NO_DEPS = new Proxy({}, { get: () => new Proxy({}, { get: () => () => undefined }) });

/** Every root field, field resolver and reference of the subgraphs, with its roles and its declared record rule. */
export function permissionEntries(subgraphs: readonly { name: string; definition: SubgraphDefinition<any> }[]): PermissionEntry[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const metadata = getMetadataStorage() as unknown as Metadata;
  const entries: PermissionEntry[] = [];
  for (const { name, definition } of subgraphs) {
    // The service's own resolvers and the audit-trail field every subgraph gets from bootSubgraph.
    const resolvers = new Set<unknown>([...definition.resolvers, auditTrailResolver(definition.name)]);
    const rolesOf = (target: unknown, methodName: string) => metadata.authorizedFields.find((field) => field.target === target && field.fieldName === methodName)?.roles ?? null;
    for (const [kind, list] of [['query', metadata.queries], ['mutation', metadata.mutations]] as const) {
      for (const field of list.filter((f) => resolvers.has(f.target))) {
        entries.push({
          subgraph: name,
          kind,
          name: `${kind === 'query' ? 'Query' : 'Mutation'}.${field.schemaName}`,
          roles: rolesOf(field.target, field.methodName),
          scope: scopeDeclarationOf(field.target, field.methodName) ?? null,
        });
      }
    }
    for (const field of metadata.fieldResolvers.filter((f) => resolvers.has(f.target))) {
      const resolverClass = metadata.resolverClasses.find((r) => r.target === field.target);
      const objectClass = resolverClass?.getObjectType?.();
      const typeName = metadata.objectTypes.find((t) => t.target === objectClass)?.name ?? '?';
      entries.push({ subgraph: name, kind: 'field', name: `${typeName}.${field.schemaName}`, roles: rolesOf(field.target, field.methodName), scope: scopeDeclarationOf(field.target, field.methodName) ?? null });
    }
    const references = (definition.references?.(NO_DEPS as never) ?? {}) as Record<string, Record<string, unknown>>;
    for (const [typeName, fields] of Object.entries(references)) {
      if (!fields['__resolveReference']) continue;
      entries.push({ subgraph: name, kind: 'reference', name: typeName, roles: null, scope: referenceScopeOf(fields['__resolveReference']) ?? null });
    }
  }
  return entries.sort((a, b) => a.subgraph.localeCompare(b.subgraph) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

const ROLE_ABBREVIATIONS: Record<Role, string> = {
  [Role.Admin]: 'ADM',
  [Role.IsmsManager]: 'ISMS',
  [Role.Executive]: 'EXE',
  [Role.RiskOwner]: 'RO',
  [Role.ControlOwner]: 'CO',
  [Role.Employee]: 'EMP',
  [Role.InternalAuditor]: 'IA',
  [Role.ExternalAuditor]: 'EA',
  [Role.ServiceAccount]: 'SVC',
};

/** Fields an external auditor never receives (`@InternalOnly`), as `Type.field` with the reason, sorted. */
export function internalFieldEntries(): { name: string; reason: string }[] {
  const metadata = getMetadataStorage() as unknown as Metadata;
  const typeOf = (target: unknown): string => {
    const direct = metadata.objectTypes.find((type) => type.target === target);
    if (direct) return direct.name;
    const objectClass = metadata.resolverClasses.find((resolver) => resolver.target === target)?.getObjectType?.();
    return metadata.objectTypes.find((type) => type.target === objectClass)?.name ?? '?';
  };
  return internalOnlyFields()
    .map((field) => ({ name: `${typeOf(field.target)}.${field.field}`, reason: field.reason }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The matrix as Markdown: roles × operations with the record rule, then field resolvers and references. */
export function renderPermissionMatrix(entries: readonly PermissionEntry[]): string {
  const lines: string[] = [
    '# Permission matrix',
    '',
    'Generated from the code by `npm run permissions` (checked by `npm test`): every root field names its roles with `@Authorized`',
    'and its record rule with `@Scoped`; every field resolver and federated reference names its record rule. A field without a',
    'declaration fails the test `tools/access/__tests__/permission-matrix.spec.ts`.',
    '',
    '## Roles and their reach',
    '',
    '| Role | Abbreviation | Reach |',
    '| --- | --- | --- |',
    ...ALL_ROLES.map((role) => `| ${role} | ${ROLE_ABBREVIATIONS[role]} | ${ROLE_REACH[role]} |`),
    '',
    '## Record rules',
    '',
    '| Rule | Meaning |',
    '| --- | --- |',
    ...Object.values(ScopeRule).map((rule) => `| ${rule} | ${SCOPE_RULE_TEXT[rule]} |`),
    '',
    '## Fields for internal eyes',
    '',
    'An external auditor receives `null` for these fields, whatever the record (`@InternalOnly`):',
    '',
    '| Field | Why |',
    '| --- | --- |',
    ...internalFieldEntries().map((field) => `| \`${field.name}\` | ${field.reason} |`),
    '',
  ];
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  for (const subgraph of [...new Set(entries.map((entry) => entry.subgraph))]) {
    const own = entries.filter((entry) => entry.subgraph === subgraph);
    lines.push(`## ${subgraph}`, '', `| Operation | ${ALL_ROLES.map((role) => ROLE_ABBREVIATIONS[role]).join(' | ')} | Rule | Records |`, `| --- | ${ALL_ROLES.map(() => ':-:').join(' | ')} | --- | --- |`);
    for (const entry of own.filter((e) => e.kind === 'query' || e.kind === 'mutation')) {
      const cells = ALL_ROLES.map((role) => (entry.roles?.includes(role) ? '✓' : ''));
      lines.push(`| \`${entry.name}\` | ${cells.join(' | ')} | ${entry.scope?.rule ?? '**none**'} | ${escape(entry.scope?.note ?? '**undeclared**')} |`);
    }
    const nested = own.filter((e) => e.kind === 'field' || e.kind === 'reference');
    if (nested.length > 0) {
      lines.push('', '| Field resolver / reference | Rule | Records |', '| --- | --- | --- |');
      for (const entry of nested) {
        lines.push(`| \`${entry.name}\`${entry.kind === 'reference' ? ' (reference)' : ''} | ${entry.scope?.rule ?? '**none**'} | ${escape(entry.scope?.note ?? '**undeclared**')} |`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
