import { EvidenceFact, FindingFact, operatingVerdict } from '../operating-status.compute';

const TODAY = '2026-11-28';
const approved = (id: string, validUntil: string | null = null): EvidenceFact => ({ evidenceId: id, status: 'APPROVED', validUntil });
const finding = (id: string, severity: FindingFact['severity'], status: FindingFact['status'] = 'OPEN'): FindingFact => ({ findingId: id, severity, status });

describe('operating status of a control', () => {
  it('is EVIDENCE_MISSING without evidence, saying what awaits review', () => {
    expect(operatingVerdict([], [], TODAY)).toEqual({ status: 'EVIDENCE_MISSING', reason: 'no approved evidence' });
    expect(operatingVerdict([{ evidenceId: 'e1', status: 'COLLECTED', validUntil: null }, { evidenceId: 'e2', status: 'REJECTED', validUntil: null }], [], TODAY)).toEqual({
      status: 'EVIDENCE_MISSING',
      reason: 'no approved evidence (awaiting review: e1)',
    });
  });

  it('is EFFECTIVE with approved evidence still valid today', () => {
    expect(operatingVerdict([approved('e2', TODAY), approved('e1')], [], TODAY)).toEqual({ status: 'EFFECTIVE', reason: 'approved evidence: e1, e2' });
  });

  it('is EVIDENCE_EXPIRED when evidence expired or outlived its validity and nothing valid remains', () => {
    expect(operatingVerdict([{ evidenceId: 'e1', status: 'EXPIRED', validUntil: '2026-01-01' }], [], TODAY).status).toBe('EVIDENCE_EXPIRED');
    expect(operatingVerdict([approved('e1', '2026-11-27')], [], TODAY)).toEqual({ status: 'EVIDENCE_EXPIRED', reason: 'evidence expired: e1' });
    expect(operatingVerdict([{ evidenceId: 'e1', status: 'EXPIRED', validUntil: null }, approved('e2')], [], TODAY).status).toBe('EFFECTIVE');
  });

  it('is NONCONFORMING while a major or minor nonconformity is open, whatever the evidence', () => {
    expect(operatingVerdict([approved('e1')], [finding('f1', 'MINOR_NONCONFORMITY')], TODAY)).toEqual({ status: 'NONCONFORMING', reason: 'open minor nonconformity: finding f1' });
    expect(operatingVerdict([], [finding('f2', 'MINOR_NONCONFORMITY'), finding('f1', 'MAJOR_NONCONFORMITY')], TODAY)).toEqual({
      status: 'NONCONFORMING',
      reason: 'open major nonconformity: finding f1, f2',
    });
  });

  it('ignores closed nonconformities, observations and opportunities', () => {
    const findings = [finding('f1', 'MAJOR_NONCONFORMITY', 'CLOSED'), finding('f2', 'OBSERVATION'), finding('f3', 'OPPORTUNITY')];
    expect(operatingVerdict([approved('e1')], findings, TODAY).status).toBe('EFFECTIVE');
  });
});
