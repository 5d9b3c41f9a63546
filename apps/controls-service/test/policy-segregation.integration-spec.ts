import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { PolicyVersionContributors1764300008100 } from '../src/migrations/1764300008100-policy-version-contributors.migration';
import { controls } from '../src/subgraph';

const VERSION = 'id version status authorId contributorIds submittedById approvedById';
const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id title versions { ${VERSION} } } }`;
const UPDATE = 'mutation($id: ID!, $input: UpdatePolicyInput!) { updatePolicy(id: $id, input: $input) { id } }';
const REVISE = `mutation($id: ID!, $content: PolicyContentInput!) { revisePolicyDraft(versionId: $id, content: $content) { ${VERSION} } }`;
const SUBMIT = `mutation($id: ID!) { submitPolicyVersionForApproval(versionId: $id) { ${VERSION} } }`;
const RETURN = `mutation($id: ID!, $comment: String!) { returnPolicyVersionToDraft(versionId: $id, comment: $comment) { ${VERSION} } }`;
const APPROVE = `mutation($id: ID!) { approvePolicyVersion(versionId: $id) { ${VERSION} } }`;

interface Version {
  id: string;
  version: string;
  status: string;
  authorId: string;
  contributorIds: string[];
  approvedById: string | null;
}

/**
 * Nobody approves what they wrote: a policy version's author, whoever revised its text, and whoever changed the
 * policy's settings while it was open are all its contributors, and none of them may approve it.
 */
describe('controls-service: segregation of duties on policy approval', () => {
  const prefix = uniqueTopicPrefix('policy-sod');
  let service: TestSubgraph<ControlsConfig>;
  // The demo's set-up: the administrator writes the policy, ISMS managers approve it.
  const admin = testClaims([Role.Admin], { name: 'Ada Admin' });
  const reviser = testClaims([Role.IsmsManager], { name: 'Rita Reviser' });
  const approver = testClaims([Role.IsmsManager], { name: 'Omar Approver' });

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  async function create(title: string): Promise<Version> {
    const { createPolicy } = await service.ok<{ createPolicy: { versions: Version[] } }>(
      CREATE,
      { input: { title, approverRole: 'ISMS_MANAGER', audience: { everyone: true }, controlIds: ['A.5.1'], content: { body: `# ${title}\n\nFirst text.` } } },
      admin,
    );
    return createPolicy.versions[0]!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  }

  /** Every policy row and version row as stored, and the outbox: a refused approval leaves all of it as it was. */
  async function stored() {
    const db = service.deps.dataSource;
    return {
      policies: await db.query('SELECT * FROM policy ORDER BY id'),
      versions: await db.query('SELECT id, status, body, contributor_ids, submitted_by_id, approved_by_id, approved_at, updated_at FROM policy_version ORDER BY id'),
      outbox: await db.query('SELECT count(*)::int AS n FROM outbox_event'),
    };
  }

  async function expectRefused(versionId: string, claims: ReturnType<typeof testClaims>, message: RegExp) {
    const before = await stored();
    const result = await service.request(APPROVE, { id: versionId }, claims);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'SEGREGATION_OF_DUTIES', category: 'FORBIDDEN' } });
    expect(await stored()).toEqual(before);
  }

  it('refuses an ISMS manager who rewrote someone else\'s draft and then approves it, writing nothing; an approver who only returned it may approve', async () => {
    const draft = await create('Access control policy');
    expect(draft).toMatchObject({ authorId: admin.sub, contributorIds: [admin.sub] });

    const { revisePolicyDraft: revised } = await service.ok<{ revisePolicyDraft: Version }>(REVISE, { id: draft.id, content: { body: '# Access control\n\nRewritten.' } }, reviser);
    expect(revised.contributorIds).toEqual([admin.sub, reviser.sub]);
    // A second revision by the same person lists them once.
    await service.ok(REVISE, { id: draft.id, content: { body: '# Access control\n\nRewritten twice.' } }, reviser);
    await service.ok(SUBMIT, { id: draft.id }, admin);

    await expectRefused(draft.id, reviser, /^you revised version 1\.0 of "Access control policy" \(its text or the policy's settings\) and cannot approve it yourself$/);
    // The database refuses it too, whoever writes the row.
    await expect(
      service.deps.dataSource.query("UPDATE policy_version SET status = 'APPROVED', approved_at = now(), approved_by_id = $2 WHERE id = $1", [draft.id, reviser.sub]),
    ).rejects.toThrow(/policy_version_contributor_not_approver/);

    // Sending it back with a reason is not writing it: that approver may approve the next submission.
    await service.ok(RETURN, { id: draft.id, comment: 'Say who reviews the access rights' }, approver);
    await service.ok(REVISE, { id: draft.id, content: { body: '# Access control\n\nOwners review access rights quarterly.' } }, admin);
    await service.ok(SUBMIT, { id: draft.id }, admin);
    const { approvePolicyVersion: approved } = await service.ok<{ approvePolicyVersion: Version }>(APPROVE, { id: draft.id }, approver);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedById: approver.sub, contributorIds: [admin.sub, reviser.sub] });
  });

  it('counts a change of the policy\'s settings while a version is open as writing it, and not once the version is approved', async () => {
    const draft = await create('Cryptography policy');
    await service.ok(SUBMIT, { id: draft.id }, admin);
    const { policyId } = (await service.deps.dataSource.query('SELECT policy_id AS "policyId" FROM policy_version WHERE id = $1', [draft.id]))[0];
    // While it waits, an ISMS manager narrows the audience the version will be published to.
    await service.ok(UPDATE, { id: policyId, input: { audience: { everyone: false, jobRoles: ['Developer'] } } }, reviser);
    await expectRefused(draft.id, reviser, /you revised version 1\.0 of "Cryptography policy"/);

    const { approvePolicyVersion: approved } = await service.ok<{ approvePolicyVersion: Version }>(APPROVE, { id: draft.id }, approver);
    expect(approved.contributorIds).toEqual([admin.sub, reviser.sub]);
    // An approved version is frozen: a later change of settings does not rewrite who wrote it.
    await service.ok(UPDATE, { id: policyId, input: { reviewIntervalMonths: 6 } }, approver);
    const [row] = await service.deps.dataSource.query('SELECT contributor_ids FROM policy_version WHERE id = $1', [draft.id]);
    expect(row.contributor_ids).toEqual([admin.sub, reviser.sub]);
  });

  it('counts every existing version\'s author as its contributor when the column arrives', async () => {
    const runner = service.deps.dataSource.createQueryRunner();
    try {
      const migration = new PolicyVersionContributors1764300008100();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows: { author_id: string; contributor_ids: string[] }[] = await service.deps.dataSource.query('SELECT author_id, contributor_ids FROM policy_version');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.contributor_ids)).toEqual(rows.map((row) => [row.author_id]));
  });
});
