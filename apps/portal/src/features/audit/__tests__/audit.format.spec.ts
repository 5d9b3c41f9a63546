import { CLAUSE_PATTERN, ENGAGEMENT_TYPE_LABEL, NEXT_ENGAGEMENT_STATUSES, SEVERITIES, SEVERITY_LABEL } from '../audit.format';

describe('audit labels and rules', () => {
  it('accepts clauses 4 to 10 with up to two sub-levels, as the API does', () => {
    for (const clause of ['4', '9', '10', '9.2', '6.1.3', '10.2', '7.5.10']) expect(CLAUSE_PATTERN.test(clause)).toBe(true);
    for (const clause of ['3', '11', '0', '1.1', '9.', '9.2.1.1', '9.123', 'A.5.1', ' 9.2', '']) expect(CLAUSE_PATTERN.test(clause)).toBe(false);
  });

  it('moves an engagement forward only: planned may start or close, in progress may close, closed stays closed', () => {
    expect(NEXT_ENGAGEMENT_STATUSES).toEqual({ PLANNED: ['IN_PROGRESS', 'CLOSED'], IN_PROGRESS: ['CLOSED'], CLOSED: [] });
  });

  it('offers severities worst first, each with its name', () => {
    expect(SEVERITIES.map((s) => SEVERITY_LABEL[s])).toEqual(['Major nonconformity', 'Minor nonconformity', 'Observation', 'Opportunity for improvement']);
    expect(ENGAGEMENT_TYPE_LABEL.INTERNAL).toBe('Internal audit (9.2)');
    expect(ENGAGEMENT_TYPE_LABEL.STAGE_2).toBe('Certification, Stage 2');
  });
});
