import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../src/config';
import { IsmsScopeContributors1764300008200 } from '../src/migrations/1764300008200-isms-scope-contributors.migration';
import { isms } from '../src/subgraph';

const FIELDS = 'id version status createdBy contributorSubs approvedBySub';
const CREATE = `mutation { createIsmsScopeDraft { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!) { submitIsmsScopeForApproval(id: $id) { ${FIELDS} } }`;
const RETURN = `mutation($id: ID!, $comment: String!) { returnIsmsScopeToDraft(id: $id, comment: $comment) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approveIsmsScope(id: $id) { ${FIELDS} } }`;

interface Scope {
  id: string;
  version: number;
  status: string;
  createdBy: string;
  contributorSubs: string[];
  approvedBySub: string | null;
}

/** Nobody approves a scope version they wrote: whoever started it, and whoever edited it, is one of its authors. */
describe('isms-service: segregation of duties on the ISMS scope', () => {
  const prefix = uniqueTopicPrefix('isms-scope-sod');
  let service: TestSubgraph<IsmsConfig>;
  let unitId: string;
  const manager = testClaims([Role.IsmsManager], { name: 'Iris Manager' });
  // An administrator is a programme manager and top management at once: the role that can both edit and approve.
  const admin = testClaims([Role.Admin], { name: 'Ada Admin' });
  const executive = testClaims([Role.Executive], { name: 'Chief Executive' });

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
    unitId = (await service.ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(input: { name: "Payments", kind: DEPARTMENT }) { id } }', {}, admin)).createOrgUnit.id;
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  /** The scope rows as stored and the outbox: a refused approval leaves them as they were. */
  async function stored() {
    return {
      scopes: await service.deps.dataSource.query('SELECT id, status, statement, contributor_subs, approved_by_sub, approved_at, updated_at FROM isms_scope ORDER BY version'),
      outbox: Number((await service.deps.dataSource.query('SELECT count(*) FROM outbox_event'))[0].count),
    };
  }

  it('refuses the approval of an administrator who edited a draft someone else started, writing nothing; someone who only sent it back may approve', async () => {
    const { createIsmsScopeDraft: draft } = await service.ok<{ createIsmsScopeDraft: Scope }>(CREATE, {}, manager);
    expect(draft).toMatchObject({ createdBy: manager.sub, contributorSubs: [manager.sub] });
    await service.ok(UPDATE, { input: { id: draft.id, statement: 'Card payments for retail customers', inScopeUnitIds: [unitId] } }, manager);

    // The administrator rewrites the statement; the ISMS manager submits it.
    const { updateIsmsScopeDraft: edited } = await service.ok<{ updateIsmsScopeDraft: Scope }>(UPDATE, { input: { id: draft.id, statement: 'Card payments, and nothing else' } }, admin);
    expect(edited.contributorSubs).toEqual([manager.sub, admin.sub]);
    await service.ok(UPDATE, { input: { id: draft.id, locations: ['London data centre'] } }, manager);
    expect((await service.ok<{ ismsScopeVersion: Scope }>(`{ ismsScopeVersion(id: "${draft.id}") { ${FIELDS} } }`)).ismsScopeVersion.contributorSubs).toEqual([manager.sub, admin.sub]);
    await service.ok(SUBMIT, { id: draft.id }, manager);

    const before = await stored();
    const refused = await service.request(APPROVE, { id: draft.id }, admin);
    expect(refused.errors?.[0]).toMatchObject({
      message: `you edited scope version ${draft.version}, so someone else in top management must approve it`,
      extensions: { code: 'SELF_APPROVAL', category: 'FORBIDDEN' },
    });
    expect(await stored()).toEqual(before);
    // The database refuses it too, whoever writes the row.
    await expect(
      service.deps.dataSource.query("UPDATE isms_scope SET status = 'APPROVED', approved_at = now(), approved_by_sub = $2 WHERE id = $1", [draft.id, admin.sub]),
    ).rejects.toThrow(/isms_scope_contributor_not_approver/);

    // The executive sends it back with a reason (no edit: she stays out of the authors), and then approves it.
    await service.ok(RETURN, { id: draft.id, comment: 'Name the card schemes as interfaces' }, executive);
    await service.ok(UPDATE, { input: { id: draft.id, interfaces: ['Card schemes'] } }, manager);
    await service.ok(SUBMIT, { id: draft.id }, manager);
    const { approveIsmsScope: approved } = await service.ok<{ approveIsmsScope: Scope }>(APPROVE, { id: draft.id }, executive);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedBySub: executive.sub, contributorSubs: [manager.sub, admin.sub] });
  });

  it('counts every existing version\'s creator as its author when the column arrives', async () => {
    const runner = service.deps.dataSource.createQueryRunner();
    try {
      const migration = new IsmsScopeContributors1764300008200();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows: { created_by: string; contributor_subs: string[] }[] = await service.deps.dataSource.query('SELECT created_by, contributor_subs FROM isms_scope');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.contributor_subs)).toEqual(rows.map((row) => [row.created_by]));
  });
});
