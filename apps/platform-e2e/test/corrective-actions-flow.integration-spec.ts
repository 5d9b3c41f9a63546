import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { audit } from '../../audit-service/src/subgraph';
import { controls } from '../../controls-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';

interface OperatingStatus {
  status: string;
  reason: string;
}

/**
 * Flow 5 through the real services and the broker: a nonconformity raised in audit-service marks its control
 * nonconforming in controls-service and opens a corrective action owned by a person created in isms-service; the
 * owner plans and implements it, an independent auditor finds it effective and closes the finding, and the
 * control's status recovers.
 */
describe('flow 5: a nonconformity, its corrective action and the control status', () => {
  const prefix = uniqueTopicPrefix('flow5');
  const subgraphs: TestSubgraph<never>[] = [];
  let ismsService: TestSubgraph<never>;
  let controlsService: TestSubgraph<never>;
  let auditService: TestSubgraph<never>;
  const manager = testClaims([Role.IsmsManager]);
  const leadAuditor = testClaims([Role.InternalAuditor], { email: 'lead.auditor@bank.example' });

  beforeAll(async () => {
    const started = await Promise.all([isms, controls, audit].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix })));
    subgraphs.push(...(started as TestSubgraph<never>[]));
    [ismsService, controlsService, auditService] = started as TestSubgraph<never>[];
  });
  afterAll(async () => {
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  async function statusOf(controlId: string): Promise<OperatingStatus> {
    const { statementOfApplicability } = await controlsService.ok<{ statementOfApplicability: { control: { id: string }; operatingStatus: OperatingStatus }[] }>(
      '{ statementOfApplicability { control { id } operatingStatus { status reason } } }',
      {},
      manager,
    );
    return statementOfApplicability.find((row) => row.control.id === controlId)!.operatingStatus;
  }

  it('marks the control nonconforming, and restores it once the corrective action is found effective and the finding closed', async () => {
    const before = await statusOf('A.8.13');
    expect(before.status).toBe('EVIDENCE_MISSING');

    const ownerEmail = `backup.owner.${randomUUID().slice(0, 8)}@bank.example`;
    const { createPerson } = await ismsService.ok<{ createPerson: { id: string } }>('mutation($e: String!) { createPerson(input: { email: $e, name: "Bea Backup" }) { id } }', { e: ownerEmail }, manager);
    const { createEngagement } = await auditService.ok<{ createEngagement: { id: string } }>(
      'mutation { createEngagement(input: { type: INTERNAL, title: "Internal audit: backups", startsOn: "2030-01-10", endsOn: "2030-01-11", leadAuditor: "Lee Lead" }) { id } }',
      {},
      manager,
    );
    // The owner reaches audit-service through Kafka; until then the finding is refused and nothing is written.
    const finding = await eventually(
      'the finding raised once the owner is replicated',
      async () => {
        const result = await auditService.request<{ raiseFinding: { id: string; correctiveAction: { id: string } } }>(
          'mutation($i: RaiseFindingInput!) { raiseFinding(input: $i) { id correctiveAction { id } } }',
          { i: { engagementId: createEngagement.id, controlId: 'A.8.13', severity: 'MAJOR_NONCONFORMITY', description: 'Backups are never restored', correctiveActionOwnerId: createPerson.id } },
          leadAuditor,
        );
        if (result.errors?.length) {
          expect(result.errors[0]?.extensions?.['code']).toBe('OWNER_NOT_FOUND');
          return undefined;
        }
        return result.data!.raiseFinding;
      },
      { intervalMs: 200 },
    );
    await eventually('the control nonconforming', async () => ((await statusOf('A.8.13')).status === 'NONCONFORMING' ? true : undefined));
    expect((await statusOf('A.8.13')).reason).toBe(`open major nonconformity: finding ${finding.id}`);

    const owner = testClaims([Role.ControlOwner], { email: ownerEmail.toUpperCase() });
    const actionId = finding.correctiveAction.id;
    await auditService.ok(
      'mutation($i: PlanCorrectiveActionInput!) { planCorrectiveAction(input: $i) { id } }',
      { i: { correctiveActionId: actionId, correction: 'Restore of last night tested', rootCause: 'No restore test scheduled', actionPlan: 'Monthly restore test with a report' } },
      owner,
    );
    await auditService.ok(
      'mutation($i: ImplementCorrectiveActionInput!) { implementCorrectiveAction(input: $i) { id } }',
      { i: { correctiveActionId: actionId, completionNote: 'Three monthly restores done', evidenceIds: [randomUUID()] } },
      owner,
    );
    // Still nonconforming until an auditor closes the finding.
    const checker = testClaims([Role.InternalAuditor], { email: 'second.auditor@bank.example' });
    await auditService.ok(
      'mutation($i: CheckCorrectiveActionInput!) { checkCorrectiveActionEffectiveness(input: $i) { id } }',
      { i: { correctiveActionId: actionId, effective: true, note: 'Restore reports for three months sampled' } },
      checker,
    );
    expect((await statusOf('A.8.13')).status).toBe('NONCONFORMING');
    await auditService.ok('mutation($i: CloseFindingInput!) { closeFinding(input: $i) { id } }', { i: { findingId: finding.id, comment: 'Effective' } }, checker);
    await eventually('the control restored', async () => ((await statusOf('A.8.13')).status === 'EVIDENCE_MISSING' ? true : undefined));
    expect(await statusOf('A.8.13')).toEqual(before);
  });
});
