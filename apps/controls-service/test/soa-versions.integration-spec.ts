import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { approveScope, counts, publishPerson } from './soa-test-events';

const SET = `mutation($input: SetControlApplicabilityInput!) { setControlApplicability(input: $input) { control { id } applicable } }`;
const UPDATE = `mutation($input: UpdateSoaEntryInput!) { updateSoaEntry(input: $input) { control { id } implementationStatus owner { id } owners { id } policyIds evidenceIds } }`;
const PUBLISH = `mutation($note: String!) { submitSoaVersion(note: $note) { id status submittedBy } }`;
const APPROVE = `mutation($id: ID!) { approveSoaVersion(id: $id) { number note scopeId scopeVersion approvedBy approvedByName approvedAt entries { control { id } applicable } } }`;
const CARRY = `mutation($input: CarryOverSoa2013Input!) { carryOverSoa2013(input: $input) {
  applied proposals { control { id } applicable justification sources } conflicts { control { id } message sources { control2013Id applicable } } unknown2013Ids uncoveredControls { id } } }`;

describe('controls-service: SoA versions, details, diff and the 2013 carry-over', () => {
  const prefix = uniqueTopicPrefix('soa-versions');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager], { name: 'Isla Manager' });
  const executive = testClaims([Role.Executive], { name: 'Erin Executive' });
  /** Submitted by one person, approved by another (who changed no entry): the version it publishes. */
  const publishVersion = async <T>(note: string, submitter = manager, approver = executive): Promise<T> => {
    const { submitSoaVersion } = await service.ok<{ submitSoaVersion: { id: string } }>(PUBLISH, { note }, submitter);
    return (await service.ok<{ approveSoaVersion: T }>(APPROVE, { id: submitSoaVersion.id }, approver)).approveSoaVersion;
  };
  const unitId = randomUUID();
  const query = (sql: string) => service.deps.dataSource.query(sql);

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'isms-service-stand-in');
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses to publish before a scope is approved, without a note, or for a non-manager; writes nothing', async () => {
    const before = await counts(query, ['soa_version', 'soa_version_submission']);
    const noScope = await service.request(PUBLISH, { note: 'Stage 1 baseline' }, manager);
    expect(noScope.errors?.[0]).toMatchObject({ message: expect.stringContaining('no ISMS scope has been approved'), extensions: { code: 'SCOPE_NOT_APPROVED' } });
    const noNote = await service.request(PUBLISH, { note: '   ' }, manager);
    expect(noNote.errors?.[0]).toMatchObject({ message: expect.stringContaining('needs a note'), extensions: { code: 'NOTE_REQUIRED' } });
    const longNote = await service.request(PUBLISH, { note: 'x'.repeat(2_001) }, manager);
    expect(longNote.errors?.[0]).toMatchObject({ message: expect.stringContaining('at most 2000 characters'), extensions: { code: 'NOTE_TOO_LONG' } });
    for (const role of [Role.ControlOwner, Role.ExternalAuditor, Role.Executive]) {
      const denied = await service.request(PUBLISH, { note: 'x' }, testClaims([role]));
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await counts(query, ['soa_version', 'soa_version_submission'])).toEqual(before);
    const { publishedStatementOfApplicability } = await service.ok<{ publishedStatementOfApplicability: unknown }>('{ publishedStatementOfApplicability { number } }', {}, testClaims([Role.ExternalAuditor]));
    expect(publishedStatementOfApplicability).toBeNull();
  });

  it('follows the approved ISMS scope from isms.scope.approved (a newer approval replaces it)', async () => {
    await approveScope(events, [randomUUID()], 1);
    await eventually('scope v1', async () => ((await service.ok<{ soaScope: { version: number } | null }>('{ soaScope { version } }')).soaScope?.version === 1 ? true : undefined));
    const scope = await approveScope(events, [unitId], 2);
    await eventually('scope v2', async () => ((await service.ok<{ soaScope: { version: number } | null }>('{ soaScope { version } }')).soaScope?.version === 2 ? true : undefined));
    const { soaScope } = await service.ok<{ soaScope: unknown }>('{ soaScope { id version inScopeUnits { id } } }', {}, testClaims([Role.InternalAuditor]));
    expect(soaScope).toEqual({ id: scope.data.id, version: 2, inScopeUnits: [{ id: unitId }] });
  });

  it('updates owners, implementation status, policies and evidence with a reason; refuses bad input writing nothing', async () => {
    const [{ id: owner }, { id: deputy }] = [await publishPerson(events, service, 'Olga Owner'), await publishPerson(events, service, 'Dan Deputy')];
    const [policy, evidence] = [randomUUID(), randomUUID()];
    await service.ok(SET, { input: { controlId: 'A.5.15', applicable: true, reasons: ['LEGAL'], changeReason: 'Access control required by banking regulator' } }, manager);
    const before = await counts(query, ['soa_change']);
    const entryBefore = await query("SELECT owner_ids, policy_ids, implementation_status FROM soa_entry WHERE control_id = 'A.5.15'");

    const bad = [
      [{ controlId: 'A.5.99', ownerIds: [owner], changeReason: 'x' }, 'UNKNOWN_CONTROL', 'not an ISO/IEC 27001:2022 Annex A control'],
      [{ controlId: 'A.5.15', ownerIds: [owner, owner], changeReason: 'x' }, 'DUPLICATE_IDS', `ownerIds lists ${owner} more than once`],
      [{ controlId: 'A.5.15', ownerIds: ['not-a-uuid'], changeReason: 'x' }, 'VALIDATION_FAILED', 'ownerIds'],
      [{ controlId: 'A.5.15', implementationStatus: 'IMPLEMENTED', changeReason: '   ' }, 'CHANGE_REASON_REQUIRED', 'needs a reason'],
      [{ controlId: 'A.7.7', implementationStatus: 'IMPLEMENTED', changeReason: 'done' }, 'NOT_APPLICABLE', 'A.7.7 is not applicable'],
    ] as const;
    for (const [input, code, message] of bad) {
      const result = await service.request(UPDATE, { input }, manager);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code } });
    }
    const denied = await service.request(UPDATE, { input: { controlId: 'A.5.15', ownerIds: [owner], changeReason: 'x' } }, testClaims([Role.ControlOwner]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts(query, ['soa_change'])).toEqual(before);
    expect(await query("SELECT owner_ids, policy_ids, implementation_status FROM soa_entry WHERE control_id = 'A.5.15'")).toEqual(entryBefore);

    const { updateSoaEntry } = await service.ok<{ updateSoaEntry: unknown }>(
      UPDATE,
      { input: { controlId: 'A.5.15', ownerIds: [owner, deputy], policyIds: [policy], evidenceIds: [evidence], implementationStatus: 'PARTIALLY_IMPLEMENTED', changeReason: 'Owners named at kick-off' } },
      manager,
    );
    expect(updateSoaEntry).toEqual({
      control: { id: 'A.5.15' },
      implementationStatus: 'PARTIALLY_IMPLEMENTED',
      owner: { id: owner },
      owners: [{ id: owner }, { id: deputy }],
      policyIds: [policy],
      evidenceIds: [evidence],
    });
    const [event] = await query("SELECT envelope FROM outbox_event WHERE type = 'controls.soa-entry.changed' ORDER BY seq DESC LIMIT 1");
    expect(event.envelope.data).toMatchObject({ controlId: 'A.5.15', ownerId: owner, implementationStatus: 'PARTIALLY_IMPLEMENTED' });
  });

  it('publishes approved versions, shows the latest to auditors and diffs versions with the recorded reasons', async () => {
    const v1 = await publishVersion<{ number: number; entries: { applicable: boolean }[]; approvedBy: string }>('Stage 1 baseline');
    expect(v1).toMatchObject({ number: 1, note: 'Stage 1 baseline', scopeVersion: 2, approvedBy: executive.sub, approvedByName: 'Erin Executive' });
    expect(v1.entries).toHaveLength(93);
    expect(v1.entries.filter((entry) => entry.applicable)).toHaveLength(1);
    const [published] = await query("SELECT envelope FROM outbox_event WHERE type = 'controls.soa.published'");
    expect(published.envelope.data).toMatchObject({ number: 1, scopeVersion: 2, applicableControlIds: ['A.5.15'] });

    // Changes between the publications, with their reasons.
    await service.ok(SET, { input: { controlId: 'A.7.5', applicable: false, justification: 'No own premises', changeReason: 'Premises moved to a certified cloud' } }, manager);
    await service.ok(SET, { input: { controlId: 'A.5.15', applicable: true, reasons: ['LEGAL', 'CONTRACTUAL'], changeReason: 'Client contracts require it too' } }, manager);
    await service.ok(UPDATE, { input: { controlId: 'A.5.15', implementationStatus: 'IMPLEMENTED', changeReason: 'Rolled out in all units' } }, manager);
    const v2 = await publishVersion<{ number: number }>('Stage 2', testClaims([Role.Admin]));
    expect(v2.number).toBe(2);

    const auditor = testClaims([Role.ExternalAuditor]);
    const { publishedStatementOfApplicability: latest } = await service.ok<{ publishedStatementOfApplicability: { number: number; entries: { control: { id: string }; applicable: boolean; implementationStatus: string }[] } }>(
      '{ publishedStatementOfApplicability { number entries { control { id } applicable implementationStatus } } }',
      {},
      auditor,
    );
    expect(latest.number).toBe(2);
    expect(latest.entries.find((entry) => entry.control.id === 'A.5.15')).toEqual({ control: { id: 'A.5.15' }, applicable: true, implementationStatus: 'IMPLEMENTED' });

    // The live SoA moves on; the published versions do not.
    await service.ok(UPDATE, { input: { controlId: 'A.5.15', implementationStatus: 'PLANNED', changeReason: 'Reopened' } }, manager);
    const { soaVersion } = await service.ok<{ soaVersion: { entries: { control: { id: string }; implementationStatus: string }[] } }>(
      '{ soaVersion(number: 1) { entries { control { id } implementationStatus } } }',
      {},
      auditor,
    );
    expect(soaVersion.entries.find((entry) => entry.control.id === 'A.5.15')?.implementationStatus).toBe('PARTIALLY_IMPLEMENTED');
    const { soaVersions } = await service.ok<{ soaVersions: { number: number; note: string; entries: unknown[] }[] }>('{ soaVersions { number note entries { applicable } } }', {}, auditor);
    expect(soaVersions.map((version) => [version.number, version.note, version.entries.length])).toEqual([
      [2, 'Stage 2', 93],
      [1, 'Stage 1 baseline', 93],
    ]);

    const { diffSoaVersions } = await service.ok<{ diffSoaVersions: { from: number; to: number; entries: { control: { id: string }; changes: unknown[]; changeReasons: { reason: string; fields: string[] }[] }[] } }>(
      '{ diffSoaVersions(from: 1, to: 2) { from to entries { control { id } changes { field before after } changeReasons { reason fields actor } } } }',
      {},
      auditor,
    );
    expect(diffSoaVersions.entries.map((entry) => entry.control.id)).toEqual(['A.5.15', 'A.7.5']);
    const [accessControl, premises] = diffSoaVersions.entries;
    expect(accessControl!.changes).toEqual([
      { field: 'REASONS', before: 'LEGAL', after: 'LEGAL, CONTRACTUAL' },
      { field: 'IMPLEMENTATION_STATUS', before: 'PARTIALLY_IMPLEMENTED', after: 'IMPLEMENTED' },
    ]);
    expect(accessControl!.changeReasons.map((change) => [change.reason, change.fields])).toEqual([
      ['Client contracts require it too', ['REASONS']],
      ['Rolled out in all units', ['IMPLEMENTATION_STATUS']],
    ]);
    expect(premises!.changes).toEqual([{ field: 'JUSTIFICATION', before: null, after: 'No own premises' }]);
    expect(premises!.changeReasons.map((change) => change.reason)).toEqual(['Premises moved to a certified cloud']);

    const missing = await service.request('{ diffSoaVersions(from: 1, to: 7) { from } }', {}, auditor);
    expect(missing.errors?.[0]).toMatchObject({ message: 'there is no published SoA version 7', extensions: { code: 'VERSION_NOT_FOUND', category: 'NOT_FOUND' } });
    const employee = await service.request('{ soaVersions { number } }', {}, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('carries a 2013 SoA over: proposes, reports conflicts, refuses to apply with conflicts, applies a clean one', async () => {
    const conflicting = [
      { control2013Id: 'A.5.1.1', applicable: true },
      { control2013Id: 'A.5.1.2', applicable: false, justification: 'Reviewed by group' },
      { control2013Id: 'A.12.3.1', applicable: true },
      { control2013Id: 'A.11.1.6', applicable: false, justification: 'No delivery areas' },
      { control2013Id: 'A.99.9.9', applicable: true },
    ];
    const { carryOverSoa2013: proposal } = await service.ok<{ carryOverSoa2013: { applied: boolean; proposals: { control: { id: string }; applicable: boolean; sources: string[] }[]; conflicts: { control: { id: string }; message: string }[]; unknown2013Ids: string[]; uncoveredControls: { id: string }[] } }>(
      CARRY,
      { input: { entries: conflicting } },
      manager,
    );
    expect(proposal.applied).toBe(false);
    expect(proposal.conflicts).toEqual([expect.objectContaining({ control: { id: 'A.5.1' }, message: expect.stringContaining('disagree') })]);
    expect(proposal.proposals.map((row) => [row.control.id, row.applicable, row.sources])).toEqual([
      ['A.7.2', false, ['A.11.1.6']],
      ['A.8.13', true, ['A.12.3.1']],
    ]);
    expect(proposal.unknown2013Ids).toEqual(['A.99.9.9']);
    expect(proposal.uncoveredControls.map((control) => control.id)).toContain('A.5.7');

    const before = await counts(query, ['soa_change', 'soa_entry']);
    const refused = await service.request(CARRY, { input: { entries: conflicting, apply: true } }, manager);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('not applied: 1 conflict(s) and unknown 2013 controls A.99.9.9'), extensions: { code: 'CARRY_OVER_CONFLICTS' } });
    const badId = await service.request(CARRY, { input: { entries: [{ control2013Id: 'twelve', applicable: true }], apply: true } }, manager);
    expect(badId.errors?.[0]).toMatchObject({ message: expect.stringContaining('control2013Id must look like A.12.3.1'), extensions: { code: 'VALIDATION_FAILED' } });
    const denied = await service.request(CARRY, { input: { entries: conflicting } }, testClaims([Role.RiskOwner]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts(query, ['soa_change', 'soa_entry'])).toEqual(before);

    const clean = conflicting.filter((row) => !row.control2013Id.startsWith('A.5.1') && row.control2013Id !== 'A.99.9.9');
    const { carryOverSoa2013: applied } = await service.ok<{ carryOverSoa2013: { applied: boolean } }>(CARRY, { input: { entries: clean, apply: true, inclusionReason: 'CONTRACTUAL' } }, manager);
    expect(applied.applied).toBe(true);
    const rows = await query("SELECT control_id, applicable, reasons, justification FROM soa_entry WHERE control_id IN ('A.7.2', 'A.8.13') ORDER BY control_id");
    expect(rows).toEqual([
      { control_id: 'A.7.2', applicable: false, reasons: [], justification: 'No delivery areas (carried over from the 2013 SoA: A.11.1.6)' },
      { control_id: 'A.8.13', applicable: true, reasons: ['CONTRACTUAL'], justification: 'Carried over from the 2013 SoA (A.12.3.1 applicable)' },
    ]);
    const reasons = await query("SELECT reason FROM soa_change WHERE control_id = 'A.8.13' ORDER BY seq DESC LIMIT 1");
    expect(reasons).toEqual([{ reason: 'carried over from the 2013 SoA (A.12.3.1)' }]);
  });

  it('publishes a version only when someone who neither submitted it nor changed the SoA since the last version approves it, and only the SoA submitted', async () => {
    const REJECT = `mutation($id: ID!, $reason: String!) { rejectSoaVersion(id: $id, reason: $reason) { status decisionNote } }`;
    const SUBMISSIONS = '{ soaVersionSubmissions { id status publishedNumber decidedBy } }';
    const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.['code'];
    const editor = testClaims([Role.IsmsManager], { name: 'Ed Editor' });
    const submitter = testClaims([Role.Admin], { name: 'Sam Submitter' });
    await service.ok(SET, { input: { controlId: 'A.8.1', applicable: true, reasons: ['BUSINESS'], changeReason: 'Endpoints of all units' } }, editor);
    const { submitSoaVersion: submission } = await service.ok<{ submitSoaVersion: { id: string; status: string; submittedBy: string } }>(PUBLISH, { note: 'Pre-audit check' }, submitter);
    expect(submission).toMatchObject({ status: 'SUBMITTED', submittedBy: submitter.sub });
    expect(code(await service.request(PUBLISH, { note: 'Another' }, manager))).toBe('SUBMISSION_PENDING');

    const before = await counts(query, ['soa_version']);
    const own = await service.request(APPROVE, { id: submission.id }, submitter);
    expect(own.errors?.[0]).toMatchObject({ message: 'you submitted this version of the SoA, so someone else must approve it', extensions: { code: 'SELF_APPROVAL' } });
    const contributor = await service.request(APPROVE, { id: submission.id }, editor);
    expect(contributor.errors?.[0]).toMatchObject({ message: expect.stringContaining('you changed entries of the SoA since the last version'), extensions: { code: 'SELF_APPROVAL' } });
    expect(code(await service.request(APPROVE, { id: submission.id }, testClaims([Role.ControlOwner])))).toBe('FORBIDDEN');
    expect(code(await service.request(APPROVE, { id: submission.id }, testClaims([Role.ExternalAuditor])))).toBe('FORBIDDEN');

    // The SoA moves after submission: approving it would publish something nobody submitted.
    await service.ok(SET, { input: { controlId: 'A.8.2', applicable: true, reasons: ['BUSINESS'], changeReason: 'Privileged access everywhere' } }, editor);
    expect(code(await service.request(APPROVE, { id: submission.id }, executive))).toBe('SOA_CHANGED_SINCE_SUBMISSION');
    expect((await counts(query, ['soa_version']))['soa_version']).toBe(before['soa_version']); // the SET above adds its own event

    expect(code(await service.request(REJECT, { id: submission.id, reason: ' ' }, executive))).toBe('REASON_REQUIRED');
    const { rejectSoaVersion } = await service.ok<{ rejectSoaVersion: { status: string; decisionNote: string } }>(REJECT, { id: submission.id, reason: 'Changed meanwhile' }, executive);
    expect(rejectSoaVersion).toEqual({ status: 'REJECTED', decisionNote: 'Changed meanwhile' });
    expect(code(await service.request(APPROVE, { id: submission.id }, executive))).toBe('SUBMISSION_DECIDED');

    const { submitSoaVersion: again } = await service.ok<{ submitSoaVersion: { id: string } }>(PUBLISH, { note: 'Pre-audit check' }, submitter);
    const { approveSoaVersion: version } = await service.ok<{ approveSoaVersion: { number: number; approvedBy: string; entries: { control: { id: string }; applicable: boolean }[] } }>(APPROVE, { id: again.id }, executive);
    expect(version.approvedBy).toBe(executive.sub);
    expect(version.entries.filter((entry) => ['A.8.1', 'A.8.2'].includes(entry.control.id)).map((entry) => entry.applicable)).toEqual([true, true]);
    const [published] = await query("SELECT envelope FROM outbox_event WHERE type = 'controls.soa.published' ORDER BY seq DESC LIMIT 1");
    expect(published.envelope.data).toMatchObject({ number: version.number, approvedBy: executive.sub });
    const { soaVersionSubmissions } = await service.ok<{ soaVersionSubmissions: { id: string; status: string; publishedNumber: number | null }[] }>(SUBMISSIONS, {}, executive);
    expect(soaVersionSubmissions.slice(0, 2)).toEqual([
      { id: again.id, status: 'PUBLISHED', publishedNumber: version.number, decidedBy: executive.sub },
      { id: submission.id, status: 'REJECTED', publishedNumber: null, decidedBy: executive.sub },
    ]);
    // After a publication the editors of the previous round may approve the next one.
    const { submitSoaVersion: next } = await service.ok<{ submitSoaVersion: { id: string } }>(PUBLISH, { note: 'No changes' }, submitter);
    expect((await service.ok<{ approveSoaVersion: { number: number } }>(APPROVE, { id: next.id }, editor)).approveSoaVersion.number).toBe(version.number + 1);
  });
});
