import { recordErrors, type RecordValues } from '../record-competence.rules';

const valid: RecordValues = {
  personId: 'p',
  competenceId: 'c',
  kind: 'TRAINING',
  title: 'Secure coding course',
  obtainedOn: '2026-11-30',
  validUntil: '',
  issuer: '',
  evidenceItemId: '',
};

describe('recording a competence: the checks made before sending', () => {
  it('accepts a complete record', () => {
    expect(recordErrors(valid, '2026-12-02')).toEqual({});
    expect(recordErrors({ ...valid, validUntil: '2026-11-30', evidenceItemId: '6d4f0000-0000-4000-8000-00000000e001' }, '2026-12-02')).toEqual({});
  });

  it('names each problem in words', () => {
    expect(recordErrors({ ...valid, personId: null, competenceId: null, title: ' ', obtainedOn: '2026-12-03', evidenceItemId: 'abc' }, '2026-12-02')).toEqual({
      personId: 'Choose the person.',
      competenceId: 'Choose the competence.',
      title: 'Say what shows the competence (a course, a certificate, a project).',
      obtainedOn: 'Record a competence once it is obtained: this date is in the future.',
      evidenceItemId: 'An evidence item id looks like 6d4f…-…: copy it from the evidence register.',
    });
    expect(recordErrors({ ...valid, validUntil: '2026-11-29' }, '2026-12-02')).toEqual({ validUntil: 'It cannot expire before it was obtained.' });
  });
});
