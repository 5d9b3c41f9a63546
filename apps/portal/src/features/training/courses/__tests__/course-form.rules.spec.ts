import { correctOf, courseFormErrors, type CourseValues, emptyQuestion } from '../course-form.rules';

const base: CourseValues = { title: 'Phishing', kind: 'AWARENESS', durationMinutes: 20, contentKind: 'MARKDOWN', content: '# Hi', passMarkPercent: 80, questionsPerAttempt: 1, maxAttempts: 3, questions: [] };

describe('courseFormErrors', () => {
  it('accepts a course with a well-formed quiz', () => {
    expect(courseFormErrors({ ...base, questions: [{ kind: 'SINGLE_CHOICE', text: 'Report to?', options: 'SOC\nNobody', correct: '1' }] })).toEqual({});
  });

  it('says what the server would refuse: an http link, a question without two options, a wrong correct list, too many drawn', () => {
    const errors = courseFormErrors({
      ...base,
      contentKind: 'LINK',
      content: 'http://x.test',
      questionsPerAttempt: 3,
      questions: [
        { ...emptyQuestion(), text: 'Q', options: 'only one' },
        { kind: 'SINGLE_CHOICE', text: 'Q2', options: 'a\nb', correct: '1,2' },
      ],
    });
    expect(errors).toEqual({
      content: 'A link must start with https://',
      'questions.0.options': 'At least two options, one per line',
      'questions.1.correct': 'Single choice: exactly one correct option',
      questionsPerAttempt: 'At most 2 (the questions written)',
    });
    expect(correctOf({ ...emptyQuestion(), correct: '1, 3' })).toEqual([0, 2]);
    expect(correctOf({ ...emptyQuestion(), correct: 'x' })).toBeNull();
  });
});
