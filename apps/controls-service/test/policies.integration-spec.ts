import { createHash, randomUUID } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { Role } from '@iso27001/authz';
import { envelopeSchema, PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';

const VERSION_FIELDS = 'id policyId version major minor status body changeSummary file { name contentType sha256 size } authorId authorName submittedAt submittedById submittedByName returnComment returnedAt returnedByName approvedById approvedByName approvedAsRole approvedAt publishedAt retiredAt';
const POLICY_FIELDS = `id title approverRole audience { everyone unitIds jobRoles } reviewIntervalMonths reviewDueOn state controls { id title } publishedVersion { id version } versions { ${VERSION_FIELDS} }`;
const CREATE = `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { ${POLICY_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePolicyInput!) { updatePolicy(id: $id, input: $input) { ${POLICY_FIELDS} } }`;
const DRAFT = `mutation($input: DraftPolicyVersionInput!) { draftPolicyVersion(input: $input) { ${VERSION_FIELDS} } }`;
const REVISE = `mutation($id: ID!, $content: PolicyContentInput!) { revisePolicyDraft(versionId: $id, content: $content) { ${VERSION_FIELDS} } }`;
const SUBMIT = `mutation($id: ID!) { submitPolicyVersionForApproval(versionId: $id) { ${VERSION_FIELDS} } }`;
const RETURN = `mutation($id: ID!, $comment: String!) { returnPolicyVersionToDraft(versionId: $id, comment: $comment) { ${VERSION_FIELDS} } }`;
const APPROVE = `mutation($id: ID!) { approvePolicyVersion(versionId: $id) { ${VERSION_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishPolicyVersion(versionId: $id) { ${VERSION_FIELDS} } }`;
const RETIRE = `mutation($id: ID!) { retirePolicy(id: $id) { ${POLICY_FIELDS} } }`;
const POLICY = `query($id: ID!) { policy(id: $id) { ${POLICY_FIELDS} } }`;
const POLICIES = `query($state: PolicyState, $controlId: ID) { policies(state: $state, controlId: $controlId) { id title state } }`;
const DUE = `query($days: Int!) { policiesDueForReview(withinDays: $days) { id title reviewDueOn } }`;
const FILE = `query($id: ID!) { policyVersionFile(versionId: $id) { name contentType sha256 size contentBase64 } }`;

interface Version {
  id: string;
  version: string;
  status: string;
  authorId: string;
  body: string | null;
  submittedAt: string | null;
  submittedById: string | null;
  submittedByName: string | null;
  returnComment: string | null;
  returnedAt: string | null;
  returnedByName: string | null;
  approvedById: string | null;
  approvedByName: string | null;
  approvedAsRole: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
  file: { name: string; contentType: string; sha256: string; size: number } | null;
}
interface Policy {
  id: string;
  title: string;
  state: string;
  reviewDueOn: string | null;
  audience: { everyone: boolean; unitIds: string[]; jobRoles: string[] };
  controls: { id: string }[];
  publishedVersion: { id: string; version: string } | null;
  versions: Version[];
}

const unitId = randomUUID();

describe('controls-service: policies, versions, approval, publication and review', () => {
  const prefix = uniqueTopicPrefix('policies');
  let service: TestSubgraph<ControlsConfig>;
  let consumer: Consumer;
  const received: { subjectId: string; data: unknown; type: string }[] = [];
  const author = testClaims([Role.IsmsManager], { name: 'Ines Author' });
  const otherManager = testClaims([Role.IsmsManager], { name: 'Omar Manager' });
  const executive = testClaims([Role.Executive], { name: 'Erin Executive', email: 'ceo@example.test' });

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
    consumer = testKafka('policy-event-reader').consumer({ groupId: `${prefix}reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}${PolicyPublished.topic}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = envelopeSchema.parse(JSON.parse(message.value!.toString())); // eslint-disable-line @typescript-eslint/no-non-null-assertion
        received.push({ subjectId: envelope.subjectId, data: PolicyPublished.schema.parse(envelope.data), type: envelope.type });
      },
    });
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  async function counts(): Promise<{ policies: number; versions: number; outbox: number }> {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM policy) AS policies, (SELECT count(*) FROM policy_version) AS versions, (SELECT count(*) FROM outbox_event) AS outbox',
    );
    return { policies: Number(row.policies), versions: Number(row.versions), outbox: Number(row.outbox) };
  }

  async function create(title: string, extra: Record<string, unknown> = {}): Promise<Policy> {
    const { createPolicy } = await service.ok<{ createPolicy: Policy }>(
      CREATE,
      {
        input: {
          title,
          approverRole: 'EXECUTIVE',
          audience: { everyone: true },
          controlIds: ['A.5.1'],
          content: { body: `# ${title}\n\nWe protect information.` },
          ...extra,
        },
      },
      author,
    );
    return createPolicy;
  }

  async function expectRefused(query: string, variables: Record<string, unknown>, claims: ReturnType<typeof testClaims>, code: string, message: string | RegExp) {
    const before = await counts();
    const result = await service.request(query, variables, claims);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
    expect(await counts()).toEqual(before);
  }

  it('takes a policy from draft through approval by the named role to publication, records the event, and sets the review date', async () => {
    const policy = await create('Information security policy');
    expect(policy).toMatchObject({ state: 'NOT_PUBLISHED', reviewDueOn: null, controls: [{ id: 'A.5.1' }], publishedVersion: null });
    const [draft] = policy.versions;
    expect(draft).toMatchObject({ version: '1.0', status: 'DRAFT', authorId: author.sub, approvedAt: null });

    await expectRefused(PUBLISH, { id: draft!.id }, author, 'VERSION_NOT_APPROVED', /only an approved version can be published/);
    await expectRefused(APPROVE, { id: draft!.id }, executive, 'VERSION_NOT_SUBMITTED', /is still a draft: it must be submitted first/);
    await service.ok(SUBMIT, { id: draft!.id }, author);
    await expectRefused(APPROVE, { id: draft!.id }, otherManager, 'APPROVER_ROLE_REQUIRED', /must be approved by someone holding the executive role/);
    const selfApproving = testClaims([Role.Executive, Role.IsmsManager], { sub: author.sub });
    await expectRefused(APPROVE, { id: draft!.id }, selfApproving, 'SEGREGATION_OF_DUTIES', /cannot approve it yourself/);
    await expectRefused(APPROVE, { id: draft!.id }, testClaims([Role.Employee]), 'FORBIDDEN', /./);

    const { approvePolicyVersion: approved } = await service.ok<{ approvePolicyVersion: Version }>(APPROVE, { id: draft!.id }, executive);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedById: executive.sub, approvedByName: 'Erin Executive', approvedAsRole: 'EXECUTIVE' });
    expect(Date.now() - Date.parse(approved.approvedAt!)).toBeLessThan(60_000); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    await expectRefused(APPROVE, { id: draft!.id }, testClaims([Role.Executive]), 'VERSION_NOT_SUBMITTED', /is approved; only a version waiting for approval can be approved/);
    await expectRefused(PUBLISH, { id: draft!.id }, executive, 'FORBIDDEN', /./);

    const { publishPolicyVersion: published } = await service.ok<{ publishPolicyVersion: Version }>(PUBLISH, { id: draft!.id }, otherManager);
    expect(published.status).toBe('PUBLISHED');
    const { policy: after } = await service.ok<{ policy: Policy }>(POLICY, { id: policy.id });
    const publishedOn = new Date(published.publishedAt!); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    const due = new Date(Date.UTC(publishedOn.getUTCFullYear() + 1, publishedOn.getUTCMonth(), publishedOn.getUTCDate())).toISOString().slice(0, 10);
    expect(after).toMatchObject({ state: 'PUBLISHED', reviewDueOn: due, publishedVersion: { id: draft!.id, version: '1.0' } });

    // The SoA shows the published policy on the control it names, and only there.
    const { statementOfApplicability: soa } = await service.ok<{ statementOfApplicability: { control: { id: string }; coveringPolicies: { id: string }[] }[] }>(
      '{ statementOfApplicability { control { id } coveringPolicies { id } } }',
    );
    expect(soa.find((row) => row.control.id === 'A.5.1')?.coveringPolicies).toEqual([{ id: policy.id }]);
    expect(soa.filter((row) => row.coveringPolicies.some((p) => p.id === policy.id)).map((row) => row.control.id)).toEqual(['A.5.1']);

    await eventually('controls.policy.published on the broker', () => received.find((event) => event.subjectId === policy.id));
    expect(received.find((event) => event.subjectId === policy.id)).toEqual({
      subjectId: policy.id,
      type: 'controls.policy.published',
      data: {
        policyId: policy.id,
        versionId: draft!.id,
        version: '1.0',
        major: true,
        title: 'Information security policy',
        everyone: true,
        unitIds: [],
        jobRoles: [],
        publishedAt: published.publishedAt,
        reviewDueOn: due,
        // What acknowledgements record: the SHA-256 of the Markdown the version says, as UTF-8.
        contentSha256: createHash('sha256').update('# Information security policy\n\nWe protect information.', 'utf8').digest('hex'),
      },
    });
  });

  /** The version's row as stored: a refused step must leave all of it as it was. */
  async function row(versionId: string): Promise<Record<string, unknown>> {
    const [stored] = await service.deps.dataSource.query(
      'SELECT status, body, submitted_at, submitted_by_id, submitted_by_name, return_comment, returned_at, returned_by_name, approved_by_id, approved_at, updated_at FROM policy_version WHERE id = $1',
      [versionId],
    );
    return stored;
  }

  async function expectRefusedUnchanged(
    versionId: string,
    query: string,
    variables: Record<string, unknown>,
    claims: ReturnType<typeof testClaims>,
    expected: { code: string; message: string | RegExp; details?: Record<string, unknown> },
  ) {
    const before = await row(versionId);
    const result = await service.request(query, variables, claims);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(expected.message),
      extensions: { code: expected.code, ...(expected.details ? { details: expected.details } : {}) },
    });
    expect(await row(versionId)).toEqual(before);
  }

  it('locks a submitted version, returns it to draft only with a reason, and never lets its author or submitter approve it', async () => {
    const policy = await create('Remote working policy');
    const versionId = policy.versions[0]!.id;

    // Only a programme manager submits, only in this organisation.
    await expectRefusedUnchanged(versionId, SUBMIT, { id: versionId }, testClaims([Role.Executive]), { code: 'FORBIDDEN', message: /./ });
    await expectRefusedUnchanged(versionId, SUBMIT, { id: versionId }, testClaims([Role.IsmsManager], { organisationId: randomUUID() }), {
      code: 'POLICY_VERSION_NOT_FOUND',
      message: /does not exist/,
    });
    // Before submission the approver cannot act on it at all.
    await expectRefusedUnchanged(versionId, APPROVE, { id: versionId }, executive, { code: 'VERSION_NOT_SUBMITTED', message: /version 1\.0 is still a draft: it must be submitted first/ });
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'Too early' }, executive, { code: 'VERSION_NOT_SUBMITTED', message: /still a draft/ });

    const { submitPolicyVersionForApproval: submitted } = await service.ok<{ submitPolicyVersionForApproval: Version }>(SUBMIT, { id: versionId }, otherManager);
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedById: otherManager.sub, submittedByName: 'Omar Manager', returnComment: null, approvedAt: null });
    expect(Date.now() - Date.parse(submitted.submittedAt!)).toBeLessThan(60_000); // eslint-disable-line @typescript-eslint/no-non-null-assertion

    // Locked while it waits: no revision, no second submission, no new version beside it.
    await expectRefusedUnchanged(versionId, REVISE, { id: versionId, content: { body: 'Changed while waiting' } }, author, {
      code: 'VERSION_NOT_DRAFT',
      message: /version 1\.0 is waiting for approval \(it is locked while it waits: return it to draft to change it\): only a draft can be changed/,
    });
    await expectRefusedUnchanged(versionId, SUBMIT, { id: versionId }, author, { code: 'VERSION_NOT_DRAFT', message: /only a draft can be submitted/ });
    await expectRefused(DRAFT, { input: { policyId: policy.id, bump: 'MINOR', content: { body: 'x' } } }, author, 'VERSION_IN_PROGRESS', /is still waiting for approval/);

    // Returning needs a reason, and the approver role (or a programme manager).
    for (const comment of ['', '   ']) {
      await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment }, executive, {
        code: 'RETURN_COMMENT_REQUIRED',
        message: /say why the version goes back to draft/,
        details: { field: 'comment' },
      });
    }
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'x'.repeat(2001) }, executive, { code: 'RETURN_COMMENT_REQUIRED', message: /at most 2000 characters/, details: { field: 'comment' } });
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'Not mine to judge' }, testClaims([Role.RiskOwner]), {
      code: 'APPROVER_ROLE_REQUIRED',
      message: /only someone holding the executive role, or a programme manager, may return/,
    });
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'No' }, testClaims([Role.Employee]), { code: 'FORBIDDEN', message: /./ });

    const { returnPolicyVersionToDraft: returned } = await service.ok<{ returnPolicyVersionToDraft: Version }>(
      RETURN,
      { id: versionId, comment: '  Say which devices may hold customer data  ' },
      executive,
    );
    expect(returned).toMatchObject({ status: 'DRAFT', returnComment: 'Say which devices may hold customer data', returnedByName: 'Erin Executive', submittedByName: 'Omar Manager' });
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'Again' }, executive, { code: 'VERSION_NOT_SUBMITTED', message: /still a draft/ });
    await expectRefusedUnchanged(versionId, APPROVE, { id: versionId }, executive, { code: 'VERSION_NOT_SUBMITTED', message: /must be submitted first/ });

    // The author sees the reason with the draft, edits it and submits it again: the reason is cleared.
    const { policy: withComment } = await service.ok<{ policy: Policy }>(POLICY, { id: policy.id }, author);
    expect(withComment.versions[0]).toMatchObject({ status: 'DRAFT', returnComment: 'Say which devices may hold customer data' });
    const { revisePolicyDraft: revised } = await service.ok<{ revisePolicyDraft: Version }>(REVISE, { id: versionId, content: { body: '# Remote working\n\nOnly bank laptops hold customer data.' } }, author);
    expect(revised).toMatchObject({ status: 'DRAFT', body: '# Remote working\n\nOnly bank laptops hold customer data.', returnComment: 'Say which devices may hold customer data' });

    // An executive who is also a programme manager submits it: they may not approve it, and nor may its author.
    const submittingExecutive = testClaims([Role.Executive, Role.IsmsManager], { name: 'Sam Submitter' });
    const { submitPolicyVersionForApproval: again } = await service.ok<{ submitPolicyVersionForApproval: Version }>(SUBMIT, { id: versionId }, submittingExecutive);
    expect(again).toMatchObject({ status: 'SUBMITTED', submittedById: submittingExecutive.sub, submittedByName: 'Sam Submitter', returnComment: null, returnedAt: null, returnedByName: null });
    await expectRefusedUnchanged(versionId, APPROVE, { id: versionId }, submittingExecutive, {
      code: 'SEGREGATION_OF_DUTIES',
      message: /you submitted version 1\.0 of "Remote working policy" for approval and cannot approve it yourself/,
    });
    await expectRefusedUnchanged(versionId, APPROVE, { id: versionId }, testClaims([Role.Executive], { sub: author.sub }), {
      code: 'SEGREGATION_OF_DUTIES',
      message: /you wrote version 1\.0 of "Remote working policy" and cannot approve it yourself/,
    });
    // The database refuses it too, whoever writes the row.
    await expect(service.deps.dataSource.query("UPDATE policy_version SET status = 'APPROVED', approved_at = now(), approved_by_id = submitted_by_id WHERE id = $1", [versionId])).rejects.toThrow(
      /policy_version_submitter_not_approver/,
    );

    const { approvePolicyVersion: approved } = await service.ok<{ approvePolicyVersion: Version }>(APPROVE, { id: versionId }, executive);
    expect(approved).toMatchObject({ status: 'APPROVED', approvedById: executive.sub, submittedByName: 'Sam Submitter', body: '# Remote working\n\nOnly bank laptops hold customer data.' });
    await expectRefusedUnchanged(versionId, RETURN, { id: versionId, comment: 'Too late' }, executive, { code: 'VERSION_NOT_SUBMITTED', message: /is approved; only a version waiting for approval can be returned to draft/ });
  });

  it('numbers minor and major versions, allows one version in the works, retires the one replaced, and flags only major changes', async () => {
    const policy = await create('Acceptable use policy', { approverRole: 'ISMS_MANAGER', audience: { unitIds: [unitId], jobRoles: [' Developer ', 'developer'] } });
    expect(policy.audience).toEqual({ everyone: false, unitIds: [unitId], jobRoles: ['Developer'] });
    const v1 = policy.versions[0]!;
    await service.ok(SUBMIT, { id: v1.id }, author);
    await service.ok(APPROVE, { id: v1.id }, otherManager);
    await service.ok(PUBLISH, { id: v1.id }, author);

    const { draftPolicyVersion: minor } = await service.ok<{ draftPolicyVersion: Version }>(
      DRAFT,
      { input: { policyId: policy.id, bump: 'MINOR', content: { body: 'Typo fixed.', changeSummary: 'typo' } } },
      author,
    );
    expect(minor).toMatchObject({ version: '1.1', status: 'DRAFT' });
    await expectRefused(DRAFT, { input: { policyId: policy.id, bump: 'MAJOR', content: { body: 'x' } } }, author, 'VERSION_IN_PROGRESS', /version 1\.1 .* is still a draft/);
    await service.ok(SUBMIT, { id: minor.id }, author);
    await expectRefused(DRAFT, { input: { policyId: policy.id, bump: 'MAJOR', content: { body: 'x' } } }, author, 'VERSION_IN_PROGRESS', /version 1\.1 .* is still waiting for approval/);
    await service.ok(APPROVE, { id: minor.id }, otherManager);
    await service.ok(PUBLISH, { id: minor.id }, author);

    const { draftPolicyVersion: major } = await service.ok<{ draftPolicyVersion: Version }>(
      DRAFT,
      { input: { policyId: policy.id, bump: 'MAJOR', content: { body: 'New rules for personal devices.' } } },
      otherManager,
    );
    expect(major.version).toBe('2.0');
    await service.ok(SUBMIT, { id: major.id }, otherManager);
    await service.ok(APPROVE, { id: major.id }, author);
    await service.ok(PUBLISH, { id: major.id }, author);

    const { policy: after } = await service.ok<{ policy: Policy }>(POLICY, { id: policy.id });
    expect(after.versions.map((v) => [v.version, v.status])).toEqual([
      ['2.0', 'PUBLISHED'],
      ['1.1', 'RETIRED'],
      ['1.0', 'RETIRED'],
    ]);
    expect(after.versions.every((v) => v.status === 'PUBLISHED' || v.retiredAt)).toBe(true);
    const events = await eventually('three publications on the broker', () => {
      const mine = received.filter((event) => event.subjectId === policy.id).map((event) => event.data as { version: string; major: boolean; jobRoles: string[] });
      return mine.length === 3 ? mine : undefined;
    });
    expect(events.map((event) => [event.version, event.major])).toEqual([
      ['1.0', true],
      ['1.1', false],
      ['2.0', true],
    ]);
    expect(events[0]!.jobRoles).toEqual(['Developer']);

    const { retirePolicy } = await service.ok<{ retirePolicy: Policy }>(RETIRE, { id: policy.id }, author);
    expect(retirePolicy).toMatchObject({ state: 'RETIRED', reviewDueOn: null, publishedVersion: null });
    expect(retirePolicy.versions[0]).toMatchObject({ version: '2.0', status: 'RETIRED' });
    await expectRefused(RETIRE, { id: policy.id }, author, 'NOTHING_PUBLISHED', /has no published version to retire/);
  });

  it('stores an uploaded file with its SHA-256 and content type, and refuses bad files, bad input and unknown controls, writing nothing', async () => {
    const bytes = Buffer.from('%PDF-1.7\nclassification policy\n%%EOF');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const policy = await create('Classification policy', {
      controlIds: ['A.5.12', 'A.5.13'],
      content: { file: { name: 'classification.pdf', contentType: 'application/pdf', contentBase64: bytes.toString('base64'), sha256 } },
    });
    expect(policy.versions[0]!.file).toEqual({ name: 'classification.pdf', contentType: 'application/pdf', sha256, size: bytes.length });
    const { policyVersionFile } = await service.ok<{ policyVersionFile: { contentBase64: string; sha256: string } }>(FILE, { id: policy.versions[0]!.id });
    expect(Buffer.from(policyVersionFile.contentBase64, 'base64')).toEqual(bytes);

    const base = { title: 'Another policy', approverRole: 'EXECUTIVE', audience: { everyone: true }, controlIds: [] as string[], content: { body: 'text' } };
    await expectRefused(CREATE, { input: { ...base, controlIds: ['A.5.1', 'A.9.9'] } }, author, 'UNKNOWN_CONTROL', /not ISO\/IEC 27001:2022 Annex A controls: A\.9\.9/);
    await expectRefused(CREATE, { input: { ...base, title: 'information SECURITY policy' } }, author, 'POLICY_TITLE_TAKEN', /already exists/);
    await expectRefused(CREATE, { input: { ...base, audience: { everyone: false } } }, author, 'AUDIENCE_REQUIRED', /needs an audience/);
    await expectRefused(CREATE, { input: { ...base, audience: { everyone: true, jobRoles: ['Developer'] } } }, author, 'AUDIENCE_AMBIGUOUS', /cannot also list/);
    await expectRefused(CREATE, { input: { ...base, audience: { unitIds: ['not-a-uuid'] } } }, author, 'VALIDATION_FAILED', /input\.audience\.unitIds: unitIds \(item 1\) must be a UUID/);
    await expectRefused(CREATE, { input: { ...base, reviewIntervalMonths: 0 } }, author, 'VALIDATION_FAILED', /reviewIntervalMonths/);
    await expectRefused(CREATE, { input: { ...base, content: {} } }, author, 'CONTENT_REQUIRED', /needs content/);
    const file = { name: 'x.pdf', contentType: 'application/pdf', contentBase64: bytes.toString('base64') };
    await expectRefused(CREATE, { input: { ...base, content: { body: 'x', file } } }, author, 'CONTENT_AMBIGUOUS', /not both/);
    await expectRefused(CREATE, { input: { ...base, content: { file: { ...file, contentType: 'application/x-msdownload' } } } }, author, 'FILE_TYPE_NOT_ALLOWED', /cannot be application\/x-msdownload/);
    await expectRefused(CREATE, { input: { ...base, content: { file: { ...file, sha256: '0'.repeat(64) } } } }, author, 'FILE_CHECKSUM_MISMATCH', /damaged/);
    await expectRefused(CREATE, { input: { ...base, content: { file: { ...file, contentBase64: 'not base64!' } } } }, author, 'FILE_INVALID', /not valid base64/);
    const tooBig = Buffer.alloc(3 * 1024 * 1024 + 1, 1).toString('base64');
    await expectRefused(CREATE, { input: { ...base, content: { file: { ...file, contentBase64: tooBig } } } }, author, 'FILE_TOO_LARGE', /larger than/);
    await expectRefused(CREATE, { input: base }, testClaims([Role.Executive]), 'FORBIDDEN', /./);
    await expectRefused(UPDATE, { id: policy.id, input: { controlIds: ['A.1.1'] } }, author, 'UNKNOWN_CONTROL', /A\.1\.1/);
    await expectRefused(APPROVE, { id: randomUUID() }, executive, 'POLICY_VERSION_NOT_FOUND', /does not exist/);

    const { updatePolicy } = await service.ok<{ updatePolicy: Policy }>(UPDATE, { id: policy.id, input: { controlIds: ['A.5.12'], reviewIntervalMonths: 6 } }, author);
    expect(updatePolicy.controls).toEqual([{ id: 'A.5.12', title: 'Classification of information' }]);
    const { policies } = await service.ok<{ policies: { title: string }[] }>(POLICIES, { controlId: 'A.5.12' }, testClaims([Role.ExternalAuditor]));
    expect(policies.map((p) => p.title)).toEqual(['Classification policy']);
  });

  it('lists the published policies whose review is overdue or due soon, and no one else\'s', async () => {
    const policy = await create('Backup policy', { approverRole: 'ISMS_MANAGER' });
    await service.ok(SUBMIT, { id: policy.versions[0]!.id }, author);
    await service.ok(APPROVE, { id: policy.versions[0]!.id }, otherManager);
    await service.ok(PUBLISH, { id: policy.versions[0]!.id }, author);
    // The review falls due: as if published 13 months ago.
    await service.deps.dataSource.query("UPDATE policy SET review_due_on = current_date - 30 WHERE id = $1", [policy.id]);

    const { policiesDueForReview: soon } = await service.ok<{ policiesDueForReview: { id: string; title: string }[] }>(DUE, { days: 30 }, testClaims([Role.InternalAuditor]));
    expect(soon.map((p) => p.title)).toEqual(['Backup policy']);
    const { policiesDueForReview: year } = await service.ok<{ policiesDueForReview: { title: string }[] }>(DUE, { days: 400 });
    expect(year.map((p) => p.title)).toEqual(expect.arrayContaining(['Backup policy', 'Information security policy']));
    expect(year.map((p) => p.title)).not.toContain('Classification policy');

    const elsewhere = testClaims([Role.IsmsManager], { organisationId: randomUUID() });
    const { policiesDueForReview: none } = await service.ok<{ policiesDueForReview: unknown[] }>(DUE, { days: 400 }, elsewhere);
    expect(none).toEqual([]);
    const { policy: hidden } = await service.ok<{ policy: Policy | null }>(POLICY, { id: policy.id }, elsewhere);
    expect(hidden).toBeNull();
    const refused = await service.request(DUE, { days: 30 }, testClaims([Role.Employee]));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
