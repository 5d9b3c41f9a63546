import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../src/config';
import { evidence } from '../src/subgraph';

const ADD = `mutation($input: AddEvidenceInput!) { addEvidence(input: $input) { id } }`;
const LIST = `{ evidenceItems { id title } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on EvidenceItem { id title } } }`;

/**
 * Evidence items carry no unit yet: internal readers, whatever their units, read all of them (the documented gap
 * until evidence gets units); an external auditor, whose reach is a grant's units, reads none, by list or reference.
 */
describe('evidence-service: who reads which evidence', () => {
  const prefix = uniqueTopicPrefix('evidence-scope');
  let service: TestSubgraph<EvidenceConfig>;
  const [unitA, unitB] = [randomUUID(), randomUUID()];
  const ids: string[] = [];

  beforeAll(async () => {
    service = await startTestSubgraph(evidence, { topicPrefix: prefix });
    for (const [title, unit] of [['Backup restore log', unitA], ['Payments access review', unitB]] as const) {
      const collector = testClaims([Role.ControlOwner], { unitIds: [unit] });
      ids.push((await service.ok<{ addEvidence: { id: string } }>(ADD, { input: { title, controlId: 'A.8.13' } }, collector)).addEvidence.id);
    }
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('lets every internal reader read all evidence, organisation-wide or not', async () => {
    for (const claims of [testClaims([Role.IsmsManager]), testClaims([Role.InternalAuditor]), testClaims([Role.ControlOwner], { unitIds: [unitA] }), testClaims([Role.RiskOwner])]) {
      const { evidenceItems } = await service.ok<{ evidenceItems: { id: string }[] }>(LIST, {}, claims);
      expect(evidenceItems.map((item) => item.id).sort()).toEqual([...ids].sort());
      const { _entities } = await service.ok<{ _entities: ({ id: string } | null)[] }>(ENTITIES, { r: ids.map((id) => ({ __typename: 'EvidenceItem', id })) }, claims);
      expect(_entities.map((item) => item?.id)).toEqual(ids);
    }
  });

  it('keeps an external auditor out of evidence that has no unit, even with units in the token, by list and by reference', async () => {
    for (const claims of [testClaims([Role.ExternalAuditor]), testClaims([Role.ExternalAuditor], { unitIds: [unitA, unitB], engagementId: randomUUID() })]) {
      expect((await service.ok<{ evidenceItems: unknown[] }>(LIST, {}, claims)).evidenceItems).toEqual([]);
      const { _entities } = await service.ok<{ _entities: unknown[] }>(ENTITIES, { r: ids.map((id) => ({ __typename: 'EvidenceItem', id })) }, claims);
      expect(_entities).toEqual([null, null]);
    }
  });

  it('gives a caller without a reading role nothing by reference', async () => {
    const { _entities } = await service.ok<{ _entities: unknown[] }>(ENTITIES, { r: [{ __typename: 'EvidenceItem', id: ids[0] }] }, testClaims([Role.Employee]));
    expect(_entities).toEqual([null]);
  });
});
