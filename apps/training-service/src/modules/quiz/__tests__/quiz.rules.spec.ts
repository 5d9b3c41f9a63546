import { answerProblems, attemptsLeft, drawQuestions, grade, GradableQuestion, questionProblems } from '../quiz.rules';

const single: GradableQuestion = { id: 'q1', kind: 'SINGLE_CHOICE', text: 'Report phishing to?', options: [{ id: 'a', text: 'SOC' }, { id: 'b', text: 'Nobody' }], correct: ['a'] };
const multiple: GradableQuestion = {
  id: 'q2',
  kind: 'MULTIPLE_CHOICE',
  text: 'Strong passwords?',
  options: [{ id: 'x', text: 'long' }, { id: 'y', text: 'unique' }, { id: 'z', text: 'your birthday' }],
  correct: ['x', 'y'],
};

/** A deterministic generator so a draw can be checked exactly. */
function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('drawQuestions', () => {
  it('draws the requested number of distinct questions from the pool', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'];
    for (let run = 0; run < 50; run += 1) {
      const drawn = drawQuestions(pool, 3);
      expect(drawn).toHaveLength(3);
      expect(new Set(drawn).size).toBe(3);
      drawn.forEach((id) => expect(pool).toContain(id));
    }
  });

  it('uses the random source (different sources, different draws) and never more than the pool', () => {
    expect(drawQuestions(['a', 'b', 'c'], 2, sequence([0]))).toEqual(['b', 'c']);
    expect(drawQuestions(['a', 'b', 'c'], 2, sequence([0.99]))).toEqual(['a', 'b']);
    expect(drawQuestions(['a', 'b'], 5).sort()).toEqual(['a', 'b']);
    expect(drawQuestions([], 3)).toEqual([]);
  });
});

describe('answerProblems', () => {
  it('accepts answers that fit the questions', () => {
    expect(answerProblems([single, multiple], [{ questionId: 'q1', optionIds: ['b'] }, { questionId: 'q2', optionIds: ['x', 'z'] }])).toEqual([]);
  });

  it('names each misfit: unknown option, several answers to single choice, missing question, question not in the attempt', () => {
    const problems = answerProblems([single, multiple], [
      { questionId: 'q1', optionIds: ['a', 'b'] },
      { questionId: 'q3', optionIds: ['a'] },
    ]);
    expect(problems).toEqual([
      'question "Report phishing to?" is single choice: give exactly one option (got 2)',
      'question q3 is not part of this attempt',
      'question "Strong passwords?" is not answered',
    ]);
    expect(answerProblems([multiple], [{ questionId: 'q2', optionIds: ['w'] }])).toEqual(['question "Strong passwords?" has no option w']);
    expect(answerProblems([multiple], [{ questionId: 'q2', optionIds: [] }])).toEqual(['question "Strong passwords?" needs at least one option']);
  });
});

describe('grade', () => {
  it('counts a question right only for exactly its correct options, rounds the score down and compares with the pass mark', () => {
    expect(grade([single, multiple], [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['y', 'x'] }], 100)).toEqual({ score: 100, passed: true, right: 2 });
    expect(grade([single, multiple], [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['x'] }], 50)).toEqual({ score: 50, passed: true, right: 1 });
    expect(grade([single, multiple], [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['x', 'y', 'z'] }], 51)).toEqual({ score: 50, passed: false, right: 1 });
    const three = [single, multiple, { ...single, id: 'q3' }];
    expect(grade(three, [{ questionId: 'q1', optionIds: ['a'] }, { questionId: 'q2', optionIds: ['x', 'y'] }, { questionId: 'q3', optionIds: ['b'] }], 67)).toEqual({ score: 66, passed: false, right: 2 });
  });
});

describe('attemptsLeft and questionProblems', () => {
  it('adds granted attempts and never goes below zero', () => {
    expect(attemptsLeft(2, 0, 1)).toBe(1);
    expect(attemptsLeft(2, 1, 2)).toBe(1);
    expect(attemptsLeft(1, 0, 3)).toBe(0);
  });

  it('finds malformed questions', () => {
    expect(questionProblems({ text: 'Q', kind: 'SINGLE_CHOICE', options: ['a', 'b'], correct: [0] }, 0)).toEqual([]);
    expect(questionProblems({ text: 'Q', kind: 'SINGLE_CHOICE', options: ['a', 'b'], correct: [0, 1] }, 0)).toEqual(['question 1 ("Q") is single choice: mark exactly one option correct']);
    expect(questionProblems({ text: 'Q', kind: 'MULTIPLE_CHOICE', options: ['a'], correct: [3] }, 1)).toEqual([
      'question 2 ("Q") needs at least two options',
      'question 2 ("Q") marks an option as correct that it does not have',
    ]);
  });
});
