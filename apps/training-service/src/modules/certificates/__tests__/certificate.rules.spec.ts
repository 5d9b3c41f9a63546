import { verificationId } from '../certificate.rules';

const facts = {
  assignmentId: '6f1c1a52-0000-4000-8000-000000000001',
  personId: '6f1c1a52-0000-4000-8000-000000000002',
  personName: 'Ada',
  courseId: '6f1c1a52-0000-4000-8000-000000000003',
  courseTitle: 'Phishing',
  courseVersion: 2,
  score: 90,
  completedAt: new Date('2030-01-02T03:04:05.000Z'),
};

describe('verificationId', () => {
  it('is stable for the same facts and changes when any stated fact changes', () => {
    expect(verificationId(facts)).toMatch(/^([0-9A-F]{4}-){7}[0-9A-F]{4}$/);
    expect(verificationId({ ...facts })).toBe(verificationId(facts));
    for (const changed of [{ score: 91 }, { courseVersion: 3 }, { completedAt: new Date('2030-01-02T03:04:06.000Z') }, { personId: facts.courseId }]) {
      expect(verificationId({ ...facts, ...changed })).not.toBe(verificationId(facts));
    }
  });
});
