import { randomUUID } from 'node:crypto';
import { EventData, EvidenceItemChanged, RiskUpserted } from '@iso27001/contracts';
import { buildEnvelope, TestEventContractError } from '../events';
import { TEST_ORGANISATION_ID } from '../subgraph';

describe('buildEnvelope', () => {
  const riskId = randomUUID();
  const risk: EventData<typeof RiskUpserted> = { id: riskId, title: 'Ransomware', ownerId: null, treatment: 'MODIFY', controlIds: ['A.8.13'], inherentLikelihood: 4, inherentImpact: 5, status: 'OPEN' };

  it('takes type, version and the producing service from the contract, and keys by data.id', () => {
    const envelope = buildEnvelope(RiskUpserted, risk);
    expect(envelope).toEqual({
      id: expect.any(String),
      type: 'risk.risk.upserted',
      version: 1,
      occurredAt: expect.any(String),
      source: 'risk-service',
      organisationId: TEST_ORGANISATION_ID,
      actor: expect.any(String),
      subjectId: riskId,
      correlationId: expect.any(String),
      causationId: null,
      data: risk,
    });
    expect(Object.isFrozen(envelope)).toBe(true);
  });

  it('lets every envelope field but type and version be given', () => {
    const options = { id: randomUUID(), subjectId: 'A.8.13', occurredAt: '2030-01-01T10:00:00.000Z', source: 'other', organisationId: randomUUID(), actor: 'ceo', correlationId: 'c', causationId: 'x' };
    expect(buildEnvelope(RiskUpserted, risk, options)).toMatchObject(options);
  });

  it('refuses data its contract refuses, and an envelope field that is malformed', () => {
    expect(() => buildEnvelope(RiskUpserted, { ...risk, inherentImpact: -1 })).toThrow(TestEventContractError);
    expect(() => buildEnvelope(RiskUpserted, { ...risk, inherentImpact: -1 })).toThrow(/risk\.risk\.upserted v1 does not match its schema: inherentImpact/);
    expect(() => buildEnvelope(RiskUpserted, risk, { occurredAt: 'yesterday' })).toThrow(/envelope is malformed: occurredAt/);
    expect(() => buildEnvelope(EvidenceItemChanged, { id: randomUUID(), controlId: 'A.8.13', status: 'APPROVED', validUntil: null }, { organisationId: 'acme' })).toThrow(/organisationId/);
  });
});
