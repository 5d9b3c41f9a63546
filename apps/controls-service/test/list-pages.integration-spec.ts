import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { RiskUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, TEST_ORGANISATION_ID, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { approveScope } from './soa-test-events';

const POLICY_PAGE = `query($first: Int, $offset: Int, $state: PolicyState, $controlId: ID, $search: String) {
  policyPage(first: $first, offset: $offset, state: $state, controlId: $controlId, search: $search) { totalCount nodes { id title state } } }`;
const IMPLEMENTATION_PAGE = `query($first: Int, $offset: Int, $unitId: ID, $controlId: ID, $status: ImplementationStatus) {
  controlImplementationPage(first: $first, offset: $offset, unitId: $unitId, controlId: $controlId, status: $status) { totalCount nodes { id control { id } unit { id } status } } }`;
const CREATE_POLICY = 'mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id versions { id } } }';
const CREATE_IMPLEMENTATION = 'mutation($input: CreateControlImplementationInput!) { createControlImplementation(input: $input) { id } }';

interface Page<T> {
  totalCount: number;
  nodes: T[];
}
type PolicyRow = { id: string; title: string; state: string };
type ImplementationRow = { id: string; control: { id: string }; unit: { id: string }; status: string };

const author = testClaims([Role.IsmsManager], { name: 'Ines Author' });
const approver = testClaims([Role.IsmsManager], { name: 'Omar Approver' });

describe('controls-service: paginated policies and control implementations, and the names behind SoA ids', () => {
  const prefix = uniqueTopicPrefix('controls-pages');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'pages-stand-in');
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  async function policyPage(variables: Record<string, unknown>, claims = testClaims([Role.InternalAuditor])): Promise<Page<PolicyRow>> {
    return (await service.ok<{ policyPage: Page<PolicyRow> }>(POLICY_PAGE, variables, claims)).policyPage;
  }
  async function implementationPage(variables: Record<string, unknown>, claims = testClaims([Role.InternalAuditor])): Promise<Page<ImplementationRow>> {
    return (await service.ok<{ controlImplementationPage: Page<ImplementationRow> }>(IMPLEMENTATION_PAGE, variables, claims)).controlImplementationPage;
  }
  /** Every page of `size` rows, in order, to compare with the whole list. */
  async function allPages<T>(load: (offset: number) => Promise<Page<T>>, size: number): Promise<{ rows: T[]; pages: number; totals: Set<number> }> {
    const rows: T[] = [];
    const totals = new Set<number>();
    let pages = 0;
    for (let offset = 0; ; offset += size) {
      const page = await load(offset);
      totals.add(page.totalCount);
      if (page.nodes.length === 0) break;
      pages += 1;
      expect(page.nodes.length).toBeLessThanOrEqual(size);
      rows.push(...page.nodes);
    }
    return { rows, pages, totals };
  }
  async function createPolicy(title: string, controlIds: string[] = []): Promise<{ id: string; versionId: string }> {
    const { createPolicy } = await service.ok<{ createPolicy: { id: string; versions: { id: string }[] } }>(
      CREATE_POLICY,
      { input: { title, approverRole: 'ISMS_MANAGER', audience: { everyone: true }, controlIds, content: { body: `# ${title}` } } },
      author,
    );
    return { id: createPolicy.id, versionId: createPolicy.versions[0]!.id };
  }
  async function publish(versionId: string): Promise<void> {
    await service.ok('mutation($id: ID!) { submitPolicyVersionForApproval(versionId: $id) { id } }', { id: versionId }, author);
    await service.ok('mutation($id: ID!) { approvePolicyVersion(versionId: $id) { id } }', { id: versionId }, approver);
    await service.ok('mutation($id: ID!) { publishPolicyVersion(versionId: $id) { id } }', { id: versionId }, author);
  }

  describe('policyPage', () => {
    const created: Record<string, string> = {};

    beforeAll(async () => {
      // A register larger than one default page: 52 plain drafts, plus a few with states, controls and tricky titles.
      await service.deps.dataSource.query(
        `INSERT INTO policy (organisation_id, title, approver_role, audience_everyone, created_by)
         SELECT $1, 'Standard ' || lpad(n::text, 2, '0'), 'isms_manager', true, 'seed' FROM generate_series(1, 52) AS n`,
        [TEST_ORGANISATION_ID],
      );
      const access = await createPolicy('access control policy', ['A.5.15', 'A.8.5']);
      const backup = await createPolicy('Backup policy', ['A.8.13']);
      const crypto = await createPolicy('Cryptography policy', ['A.8.24', 'A.5.15']);
      const uptime = await createPolicy('Uptime: 100% or nothing');
      const under = await createPolicy('Clear_desk policy');
      await publish(access.versionId);
      await publish(backup.versionId);
      await publish(crypto.versionId);
      await service.ok('mutation($id: ID!) { retirePolicy(id: $id) { id } }', { id: crypto.id }, author);
      Object.assign(created, { access: access.id, backup: backup.id, crypto: crypto.id, uptime: uptime.id, under: under.id });
    });

    it('returns 50 by default and the total over all pages, by title ignoring case, and pages never overlap or skip', async () => {
      const everything = await service.ok<{ policies: PolicyRow[] }>('{ policies { id title state } }', {}, testClaims([Role.InternalAuditor]));
      expect(everything.policies).toHaveLength(57);
      const first = await policyPage({});
      expect(first.totalCount).toBe(57);
      expect(first.nodes).toHaveLength(50);
      expect(first.nodes.slice(0, 6).map((p) => p.title)).toEqual(['access control policy', 'Backup policy', 'Clear_desk policy', 'Cryptography policy', 'Standard 01', 'Standard 02']);
      const rest = await policyPage({ offset: 50 });
      expect(rest).toEqual({ totalCount: 57, nodes: everything.policies.slice(50) });
      expect([...first.nodes, ...rest.nodes]).toEqual(everything.policies);

      // Any page size walks the same order; asking twice gives the same rows.
      const walked = await allPages((offset) => policyPage({ first: 8, offset }), 8);
      expect(walked).toEqual({ rows: everything.policies, pages: 8, totals: new Set([57]) });
      expect(await policyPage({ first: 8, offset: 16 })).toEqual(await policyPage({ first: 8, offset: 16 }));
      expect(await policyPage({ first: 5, offset: 200 })).toEqual({ totalCount: 57, nodes: [] });
    });

    it('filters by state, control and text in the title, counting only the matches', async () => {
      const published = await policyPage({ state: 'PUBLISHED' });
      expect(published).toEqual({ totalCount: 2, nodes: [{ id: created['access'], title: 'access control policy', state: 'PUBLISHED' }, { id: created['backup'], title: 'Backup policy', state: 'PUBLISHED' }] });
      expect((await policyPage({ state: 'RETIRED' })).nodes.map((p) => p.title)).toEqual(['Cryptography policy']);
      expect((await policyPage({ state: 'NOT_PUBLISHED', first: 2 })).totalCount).toBe(54);

      expect(await policyPage({ controlId: 'A.5.15' })).toMatchObject({ totalCount: 2, nodes: [{ title: 'access control policy' }, { title: 'Cryptography policy' }] });
      expect(await policyPage({ controlId: 'A.5.15', state: 'PUBLISHED' })).toMatchObject({ totalCount: 1, nodes: [{ title: 'access control policy' }] });
      expect(await policyPage({ controlId: 'A.5.1' })).toEqual({ totalCount: 0, nodes: [] });

      expect(await policyPage({ search: 'POLICY', first: 3, offset: 1 })).toMatchObject({ totalCount: 4, nodes: [{ title: 'Backup policy' }, { title: 'Clear_desk policy' }, { title: 'Cryptography policy' }] });
      // % and _ are matched as themselves, not as wildcards.
      expect((await policyPage({ search: '100% or' })).nodes.map((p) => p.id)).toEqual([created['uptime']]);
      expect((await policyPage({ search: 'uptime%nothing' })).nodes).toEqual([]);
      expect((await policyPage({ search: 'p_licy' })).nodes).toEqual([]);
      expect((await policyPage({ search: 'r_desk' })).nodes.map((p) => p.id)).toEqual([created['under']]);
      expect((await policyPage({ search: 'standard 5', first: 1 })).totalCount).toBe(3); // 50, 51, 52
    });

    it('refuses a page larger than 200, an empty page and a negative offset, naming the argument', async () => {
      expect((await policyPage({ first: 200 })).nodes).toHaveLength(57);
      for (const [variables, field, message] of [
        [{ first: 201 }, 'first', 'first must be at most 200'],
        [{ first: 0 }, 'first', 'first must be at least 1'],
        [{ offset: -1 }, 'offset', 'offset must be 0 or more'],
      ] as const) {
        const result = await service.request(POLICY_PAGE, variables, testClaims([Role.IsmsManager]));
        expect(result.data).toBeNull();
        expect(result.errors?.[0]?.message).toContain(message);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field }] });
      }
    });

    it('answers the roles that read policies and refuses an employee', async () => {
      for (const role of [Role.ExternalAuditor, Role.ControlOwner, Role.Executive]) {
        expect((await policyPage({ first: 1 }, testClaims([role]))).totalCount).toBe(57);
      }
      const employee = await service.request(POLICY_PAGE, {}, testClaims([Role.Employee]));
      expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(employee.data).toBeNull();
    });
  });

  describe('controlImplementationPage', () => {
    const units = Array.from({ length: 11 }, () => randomUUID()).sort();
    // Catalogue order is A.5.1, A.5.2, A.5.10, A.8.2, A.8.13: not the order of the ids as text.
    const catalogue = ['A.5.1', 'A.5.2', 'A.5.10', 'A.8.2', 'A.8.13'];

    beforeAll(async () => {
      await approveScope(events, units);
      await eventually('scope approved', async () => ((await service.ok<{ soaScope: unknown }>('{ soaScope { id } }')).soaScope ? true : undefined));
      for (const controlId of [...catalogue].reverse()) {
        for (const [index, unitId] of units.entries()) {
          const status = index % 3 === 0 ? 'IMPLEMENTED' : 'PLANNED';
          await service.ok(
            CREATE_IMPLEMENTATION,
            { input: { controlId, unitId, status, maturity: 2, description: status === 'IMPLEMENTED' ? `${controlId} done in unit ${index}` : '' } },
            author,
          );
        }
      }
    });

    it('returns 50 by default, in catalogue order of the controls then by unit, and walks all pages without overlap', async () => {
      const expected = catalogue.flatMap((controlId) => units.map((unitId) => ({ control: controlId, unit: unitId })));
      const first = await implementationPage({});
      expect(first.totalCount).toBe(55);
      expect(first.nodes).toHaveLength(50);
      const rest = await implementationPage({ offset: 50 });
      const order = [...first.nodes, ...rest.nodes].map((row) => ({ control: row.control.id, unit: row.unit.id }));
      expect(order).toEqual(expected);
      const walked = await allPages((offset) => implementationPage({ first: 6, offset }), 6);
      expect(walked.rows).toEqual([...first.nodes, ...rest.nodes]);
      expect(walked.pages).toBe(10);
      expect(walked.totals).toEqual(new Set([55]));
      // The unpaginated list stays as it was.
      const whole = await service.ok<{ controlImplementations: unknown[] }>('{ controlImplementations { id } }', {}, testClaims([Role.InternalAuditor]));
      expect(whole.controlImplementations).toHaveLength(55);
    });

    it('filters by unit, control and status, counting only the matches', async () => {
      const ofUnit = await implementationPage({ unitId: units[4] });
      expect(ofUnit.totalCount).toBe(5);
      expect(ofUnit.nodes.map((row) => row.control.id)).toEqual(catalogue);
      const ofControl = await implementationPage({ controlId: 'A.5.10', first: 4, offset: 8 });
      expect(ofControl.totalCount).toBe(11);
      expect(ofControl.nodes.map((row) => row.unit.id)).toEqual(units.slice(8));
      const implemented = await implementationPage({ status: 'IMPLEMENTED', first: 200 });
      expect(implemented.totalCount).toBe(20); // units 0, 3, 6, 9 of each of the five controls
      expect(new Set(implemented.nodes.map((row) => row.status))).toEqual(new Set(['IMPLEMENTED']));
      expect(await implementationPage({ status: 'IMPLEMENTED', controlId: 'A.8.2', unitId: units[1] })).toEqual({ totalCount: 0, nodes: [] });
      expect(await implementationPage({ status: 'IMPLEMENTED', controlId: 'A.8.2', unitId: units[3] })).toMatchObject({ totalCount: 1, nodes: [{ control: { id: 'A.8.2' }, unit: { id: units[3] } }] });
    });

    it('refuses bad page arguments and a role without access', async () => {
      const tooMany = await service.request(IMPLEMENTATION_PAGE, { first: 500 }, testClaims([Role.IsmsManager]));
      expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringContaining('first must be at most 200'), extensions: { category: 'BAD_USER_INPUT', fields: [{ field: 'first' }] } });
      const badUnit = await service.request(IMPLEMENTATION_PAGE, { unitId: 'finance' }, testClaims([Role.IsmsManager]));
      expect(badUnit.errors?.[0]).toMatchObject({ message: expect.stringContaining('unitId must be a UUID'), extensions: { category: 'BAD_USER_INPUT' } });
      const employee = await service.request(IMPLEMENTATION_PAGE, {}, testClaims([Role.Employee], { unitIds: units }));
      expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
      // An external auditor reads the implementations of the units their token names, and nothing without units.
      expect((await implementationPage({ first: 1 }, testClaims([Role.ExternalAuditor], { unitIds: units.slice(0, 2) }))).totalCount).toBe(10);
      expect(await implementationPage({ first: 1 }, testClaims([Role.ExternalAuditor]))).toEqual({ totalCount: 0, nodes: [] });
    });
  });

  it('gives an SoA entry its risks, policies and evidence as objects, in the order of their ids', async () => {
    const [riskA, riskB] = [randomUUID(), randomUUID()].sort();
    for (const riskId of [riskA, riskB]) {
      await events.publishAs(RiskUpserted, { id: riskId, title: 'Lost backups', ownerId: null, treatment: 'MODIFY', controlIds: ['A.8.14'], inherentLikelihood: 3, inherentImpact: 4, status: 'OPEN' }, { subjectId: riskId });
    }
    type Entry = { control: { id: string }; riskIds: string[]; risks: { id: string }[]; policies: { id: string; title: string }[]; evidence: { id: string }[] };
    const entryOf = async () => {
      const { statementOfApplicability } = await service.ok<{ statementOfApplicability: Entry[] }>(
        '{ statementOfApplicability { control { id } riskIds risks { id } policies { id title } evidence { id } } }',
        {},
        testClaims([Role.InternalAuditor]),
      );
      return statementOfApplicability.find((entry) => entry.control.id === 'A.8.14')!;
    };
    await eventually('both risks link A.8.14', async () => ((await entryOf()).riskIds.length === 2 ? true : undefined));

    const [policyB, policyA] = [await createPolicy('Zulu availability policy'), await createPolicy('Alpha availability policy')];
    const [evidenceA, evidenceB] = [randomUUID(), randomUUID()];
    const unknownPolicy = randomUUID();
    await service.ok(
      'mutation($input: UpdateSoaEntryInput!) { updateSoaEntry(input: $input) { control { id } } }',
      { input: { controlId: 'A.8.14', policyIds: [policyB.id, unknownPolicy, policyA.id], evidenceIds: [evidenceB, evidenceA], changeReason: 'Policies and evidence named' } },
      author,
    );
    expect(await entryOf()).toEqual({
      control: { id: 'A.8.14' },
      riskIds: [riskA, riskB],
      risks: [{ id: riskA }, { id: riskB }],
      // An id that names no policy is left out; the others keep the order of policyIds.
      policies: [
        { id: policyB.id, title: 'Zulu availability policy' },
        { id: policyA.id, title: 'Alpha availability policy' },
      ],
      evidence: [{ id: evidenceB }, { id: evidenceA }],
    });
  });
});
