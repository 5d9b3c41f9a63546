import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { AuditConfig } from '../src/config';
import { audit } from '../src/subgraph';

const CREATE_ENGAGEMENT = `mutation($input: CreateEngagementInput!) { createEngagement(input: $input) { id } }`;
const RAISE = `mutation($input: RaiseFindingInput!) { raiseFinding(input: $input) { id } }`;
const ENGAGEMENTS = `{ engagements { id findings { id } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Engagement { id title findings { id description } }
  ... on Finding { id description engagement { id } } } }`;

type Entity = { id: string; title?: string; description?: string; findings?: { id: string }[]; engagement?: { id: string } } | null;

/**
 * Engagements and findings carry no unit: every internal reader reads all of them; an external auditor only the
 * engagement of their grant and its findings, by list, nested field or reference; others get nothing by reference.
 */
describe('audit-service: who reads which engagements and findings, also by reference', () => {
  const prefix = uniqueTopicPrefix('audit-scope');
  let service: TestSubgraph<AuditConfig>;
  const internalAuditor = testClaims([Role.InternalAuditor]);
  let mine: string;
  let notMine: string;
  const findings: Record<string, string> = {};
  let external: Claims;

  const entities = async (representations: { __typename: string; id: string }[], claims: Claims) =>
    (await service.ok<{ _entities: Entity[] }>(ENTITIES, { r: representations }, claims))._entities;

  beforeAll(async () => {
    service = await startTestSubgraph(audit, { topicPrefix: prefix });
    const plan = async (title: string) =>
      (await service.ok<{ createEngagement: { id: string } }>(CREATE_ENGAGEMENT, { input: { type: 'STAGE_1', title, startsOn: '2030-04-01', endsOn: '2030-04-03', leadAuditor: 'Mary Auditor' } })).createEngagement.id;
    [mine, notMine] = [await plan('Stage 1 audit'), await plan('Internal audit of Payments')];
    for (const [key, engagementId] of [['mine', mine], ['notMine', notMine]] as const) {
      findings[key] = (await service.ok<{ raiseFinding: { id: string } }>(RAISE, { input: { engagementId, clause: '9.2', severity: 'OBSERVATION', description: `finding of ${key}` } }, internalAuditor)).raiseFinding.id;
    }
    external = testClaims([Role.ExternalAuditor], { engagementId: mine, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('gives every internal reader all engagements and findings (they carry no unit), by list and reference', async () => {
    for (const claims of [internalAuditor, testClaims([Role.ControlOwner], { unitIds: [randomUUID()] }), testClaims([Role.Executive])]) {
      const { engagements } = await service.ok<{ engagements: { id: string; findings: { id: string }[] }[] }>(ENGAGEMENTS, {}, claims);
      expect(engagements.map((engagement) => engagement.id).sort()).toEqual([mine, notMine].sort());
      const found = await entities([{ __typename: 'Finding', id: findings['notMine']! }, { __typename: 'Engagement', id: notMine }], claims);
      expect(found).toEqual([
        { id: findings['notMine'], description: 'finding of notMine', engagement: { id: notMine } },
        { id: notMine, title: 'Internal audit of Payments', findings: [{ id: findings['notMine'], description: 'finding of notMine' }] },
      ]);
    }
  });

  it('resolves for an external auditor only the engagement of the grant and its findings', async () => {
    const found = await entities(
      [
        { __typename: 'Engagement', id: mine },
        { __typename: 'Engagement', id: notMine },
        { __typename: 'Finding', id: findings['mine']! },
        { __typename: 'Finding', id: findings['notMine']! },
      ],
      external,
    );
    expect(found).toEqual([
      { id: mine, title: 'Stage 1 audit', findings: [{ id: findings['mine'], description: 'finding of mine' }] },
      null,
      { id: findings['mine'], description: 'finding of mine', engagement: { id: mine } },
      null,
    ]);
  });

  it('fails closed by reference: an expired grant, no grant, and a role that reads no audits get nothing', async () => {
    const everything = [
      { __typename: 'Engagement', id: mine },
      { __typename: 'Finding', id: findings['mine']! },
    ];
    for (const claims of [
      { ...external, grantExpiresAt: new Date(Date.now() - 1000).toISOString() },
      testClaims([Role.ExternalAuditor], { unitIds: [randomUUID()] }),
      testClaims([Role.Employee]),
    ]) {
      expect(await entities(everything, claims)).toEqual([null, null]);
    }
  });
});
