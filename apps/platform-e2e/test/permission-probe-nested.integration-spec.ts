import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isListType, isNonNullType, isObjectType, GraphQLOutputType } from 'graphql';
import { ALL_ROLES, Claims, Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { SUBGRAPHS } from '../../../tools/supergraph/subgraphs';
import { permissionEntries } from '../../../tools/access/permission-matrix';

/*
 * Generated from the code, one level below the root fields (the root fields are permission-probe's):
 * - every entity type with a federated reference, asked for straight from its subgraph through `_entities` (as the
 *   gateway would, with a claims token of each role, an external auditor inside, outside and without a grant, and a
 *   service account), returns only records the same caller gets from the subgraph's root lists of that type;
 * - every field resolver of docs/permissions.md that returns records with an id, reached through a root list of its
 *   parent type, returns only records the caller gets from the root lists of the records' own type.
 * Records of two units are written first (risks and assets of the register, linked across the units), so the checks
 * meet records the caller may and may not see. No call may end in an internal error.
 */

const FEDERATION_PRELUDE = `
  scalar _Any
  scalar link__Import
  scalar federation__FieldSet
  directive @link(url: String, as: String, for: String, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: federation__FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: federation__FieldSet!) on FIELD_DEFINITION
`;

function subgraphSchema(name: string): GraphQLSchema {
  const sdl = readFileSync(path.resolve(__dirname, `../../../supergraph/subgraphs/${name}.graphql`), 'utf8').replace(/^extend schema[\s\S]*?\n\n/m, '');
  return buildSchema(`${FEDERATION_PRELUDE}\n${sdl}`, { assumeValidSDL: true });
}

const hasId = (type: GraphQLObjectType) => 'id' in type.getFields();

/** A root Query field that lists records of the type without required arguments: the list itself, or a connection's nodes. */
interface RootList {
  field: string;
  /** The selection that reaches the records: `` for a list, `nodes` for a connection. */
  through: 'list' | 'nodes';
}

function recordTypeOf(type: GraphQLOutputType): { type: GraphQLObjectType; through: 'list' | 'nodes' | 'one' } | null {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  const named = getNamedType(type);
  if (!isObjectType(named)) return null;
  if (isListType(unwrapped)) return { type: named, through: 'list' };
  const nodes = named.getFields()['nodes'];
  if (nodes) {
    const inner = getNamedType(nodes.type);
    if (isObjectType(inner)) return { type: inner, through: 'nodes' };
  }
  return { type: named, through: 'one' };
}

function rootListsOf(schema: GraphQLSchema, typeName: string): RootList[] {
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {}) as GraphQLField<unknown, unknown>[];
  return fields.flatMap((field) => {
    if (field.name.startsWith('_') || field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) return [];
    const record = recordTypeOf(field.type);
    if (!record || record.type.name !== typeName || record.through === 'one' || !hasId(record.type)) return [];
    return [{ field: field.name, through: record.through }];
  });
}

const selectionOf = (list: RootList, inner: string) => (list.through === 'nodes' ? `${list.field} { nodes { ${inner} } }` : `${list.field} { ${inner} }`);
const recordsOf = (list: RootList, data: Record<string, unknown> | undefined): Record<string, unknown>[] => {
  const value = data?.[list.field] as { nodes?: unknown[] } | unknown[] | null | undefined;
  const rows = (list.through === 'nodes' ? (value as { nodes?: unknown[] } | null)?.nodes : (value as unknown[] | null)) ?? [];
  return rows.filter((row): row is Record<string, unknown> => row !== null && typeof row === 'object');
};

const UNIT = randomUUID();
const OTHER_UNIT = randomUUID();
const PERIOD = { periodStart: '2000-01-01', periodEnd: '2099-12-31' };
const live = () => ({ engagementId: randomUUID(), grantId: randomUUID(), grantExpiresAt: new Date(Date.now() + 86_400_000).toISOString(), ...PERIOD });

const CALLERS: { label: string; claims: Claims }[] = [
  ...ALL_ROLES.filter((role) => role !== Role.ExternalAuditor && role !== Role.ServiceAccount).map((role) => ({
    label: role,
    claims: testClaims([role], { email: `${role}@nested-probe.example`, unitIds: role === Role.RiskOwner || role === Role.ControlOwner ? [UNIT] : [] }),
  })),
  { label: 'external auditor inside a grant', claims: testClaims([Role.ExternalAuditor], { email: 'auditor@nested-probe.example', unitIds: [UNIT], ...live() }) },
  { label: 'external auditor of another unit', claims: testClaims([Role.ExternalAuditor], { email: 'other@nested-probe.example', unitIds: [OTHER_UNIT], ...live() }) },
  { label: 'external auditor without a grant', claims: testClaims([Role.ExternalAuditor], { email: 'nogrant@nested-probe.example' }) },
  { label: 'service account', claims: testClaims([Role.ServiceAccount], { email: 'svc@service-accounts.invalid', unitIds: [UNIT] }) },
];
const ADMIN = testClaims([Role.Admin], { email: 'admin@nested-probe.example' });

/**
 * References that serve every caller on purpose, with the reason their declaration gives: for these the check is that
 * nothing beyond the organisation's records comes back (and that the exception is still needed, so it cannot go stale).
 */
const PUBLIC_REFERENCES: Readonly<Record<string, string>> = {
  Control: 'the published Annex A catalogue text, which every role reads through Policy.controls; what a control carries beyond it keeps its own rules',
};

describe('references and nested fields as every caller, straight to each subgraph', () => {
  const prefix = uniqueTopicPrefix('nested-probe');
  const services = new Map<string, TestSubgraph<never>>();
  const entries = permissionEntries(SUBGRAPHS);
  const tally = { calls: 0, refused: 0, admitted: 0, internal: 0, unchecked: 0 };

  beforeAll(async () => {
    for (const { name, definition } of SUBGRAPHS) services.set(name, await startTestSubgraph(definition as never, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } }));
    // Records of two units in the register, each asset linked to each risk, so references and nested fields meet both.
    const risk = services.get('risk')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const assetIds: string[] = [];
    for (const unitId of [UNIT, OTHER_UNIT, null]) {
      const { createRiskAsset } = await risk.ok<{ createRiskAsset: { id: string } }>(
        'mutation($i: CreateRiskAssetInput!) { createRiskAsset(input: $i) { id } }',
        { i: { type: 'INFORMATION', name: `Ledger of ${unitId ?? 'the organisation'}`, confidentiality: 'HIGH', integrity: 'HIGH', availability: 'LOW', unitId } },
        ADMIN,
      );
      assetIds.push(createRiskAsset.id);
    }
    for (const unitId of [UNIT, OTHER_UNIT, null]) {
      await risk.ok('mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }', { i: { title: `Fraud in ${unitId ?? 'the organisation'}`, inherentLikelihood: 3, inherentImpact: 3, unitId, assetIds } }, ADMIN);
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.close()));
    await deleteTopicsWithPrefix(prefix);
    console.info(
      `nested probe: ${tally.calls} calls; ${tally.admitted} records returned to callers who may see them, ${tally.refused} withheld from callers who may not, ${tally.internal} internal errors, ${tally.unchecked} fields without a root list to compare with`,
    );
  });

  const internalErrors = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).filter((error) => error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR');

  /** The ids of the type the caller gets from the subgraph's root lists (refused lists give none); null without a list. */
  async function visibleIds(service: TestSubgraph<never>, schema: GraphQLSchema, typeName: string, claims: Claims): Promise<Set<string> | null> {
    const lists = rootListsOf(schema, typeName);
    if (lists.length === 0) return null;
    const ids = new Set<string>();
    for (const list of lists) {
      const result = await service.request<Record<string, unknown>>(`{ ${selectionOf(list, 'id')} }`, {}, claims);
      tally.calls += 1;
      tally.internal += internalErrors(result).length;
      for (const row of recordsOf(list, result.data)) ids.add(String(row['id']));
    }
    return ids;
  }

  for (const { name } of SUBGRAPHS) {
    it(`${name}: _entities returns to each caller only what its root lists would`, async () => {
      const service = services.get(name)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const schema = subgraphSchema(name);
      const problems: string[] = [];
      for (const entry of entries.filter((e) => e.subgraph === name && e.kind === 'reference')) {
        const type = schema.getType(entry.name);
        if (!isObjectType(type) || !hasId(type)) continue;
        const all = (await visibleIds(service, schema, entry.name, ADMIN)) ?? new Set<string>();
        const representations = [...all, randomUUID(), 'not-a-uuid'].map((id) => ({ __typename: entry.name, id }));
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${entry.name} { id } } }`;
        let beyondRootLists = 0;
        for (const caller of CALLERS) {
          const result = await service.request<{ _entities: ({ id: string } | null)[] }>(query, { r: representations }, caller.claims);
          tally.calls += 1;
          const internal = internalErrors(result);
          tally.internal += internal.length;
          if (internal.length > 0) problems.push(`${entry.name} reference as ${caller.label}: internal error ${JSON.stringify(internal)}`);
          const returned = (result.data?._entities ?? []).filter((row): row is { id: string } => row !== null).map((row) => row.id);
          const visible = await visibleIds(service, schema, entry.name, caller.claims);
          if (visible === null) {
            tally.unchecked += 1;
            continue;
          }
          for (const id of returned) {
            if (visible.has(id)) continue;
            beyondRootLists += 1;
            if (!PUBLIC_REFERENCES[entry.name] || !all.has(id)) problems.push(`${entry.name} ${id} reached as ${caller.label} through _entities, but not through the root lists`);
          }
          tally.admitted += returned.length;
          tally.refused += [...all].filter((id) => !returned.includes(id)).length;
        }
        if (PUBLIC_REFERENCES[entry.name] && beyondRootLists === 0) problems.push(`${entry.name} is listed as a public reference but serves no caller beyond its root lists: remove the exception`);
      }
      expect(problems).toEqual([]);
    }, 300_000);

    it(`${name}: field resolvers reached through a root list return nothing beyond the caller's reach`, async () => {
      const service = services.get(name)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const schema = subgraphSchema(name);
      const problems: string[] = [];
      for (const entry of entries.filter((e) => e.subgraph === name && e.kind === 'field')) {
        const [parentName, fieldName] = entry.name.split('.') as [string, string];
        const parent = schema.getType(parentName);
        if (!isObjectType(parent)) continue;
        const field = parent.getFields()[fieldName];
        const record = field && field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined) ? recordTypeOf(field.type) : null;
        const lists = rootListsOf(schema, parentName);
        if (!record || !hasId(record.type) || lists.length === 0) continue;
        const nested = record.through === 'nodes' ? `${fieldName} { nodes { id } }` : `${fieldName} { id }`;
        for (const caller of CALLERS) {
          const visible = await visibleIds(service, schema, record.type.name, caller.claims);
          for (const list of lists) {
            const result = await service.request<Record<string, unknown>>(`{ ${selectionOf(list, `id ${nested}`)} }`, {}, caller.claims);
            tally.calls += 1;
            const internal = internalErrors(result);
            tally.internal += internal.length;
            if (internal.length > 0) problems.push(`${entry.name} through ${list.field} as ${caller.label}: internal error ${JSON.stringify(internal)}`);
            if (visible === null) {
              tally.unchecked += 1;
              continue;
            }
            for (const parentRow of recordsOf(list, result.data)) {
              const value = parentRow[fieldName] as { nodes?: unknown[] } | unknown[] | { id?: string } | null;
              const rows = Array.isArray(value) ? value : value && 'nodes' in value ? (value.nodes ?? []) : value ? [value] : [];
              for (const row of rows as ({ id?: string } | null)[]) {
                if (!row?.id) continue;
                if (visible.has(row.id)) tally.admitted += 1;
                else problems.push(`${entry.name} returned ${record.type.name} ${row.id} to ${caller.label} through ${list.field}, which its root lists do not show them`);
              }
            }
          }
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
