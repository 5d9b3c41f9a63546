/*
 * Pure rules of the quiz: drawing the questions of an attempt, checking that answers fit the questions shown, and
 * grading. No I/O: the service loads the rows and stores the outcome.
 */

export interface GradableQuestion {
  id: string;
  kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE';
  text: string;
  options: { id: string; text: string }[];
  correct: string[];
}

export interface GivenAnswer {
  questionId: string;
  optionIds: string[];
}

/**
 * `count` distinct question ids drawn uniformly from the pool (Fisher–Yates on a copy), or the whole pool, shuffled,
 * when it holds fewer. `random` returns a number in [0, 1).
 */
export function drawQuestions(poolIds: readonly string[], count: number, random: () => number = Math.random): string[] {
  const ids = [...poolIds];
  for (let i = ids.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, Math.max(0, Math.min(count, ids.length)));
}

/**
 * Why the answers do not fit the questions of the attempt (empty when they do): every drawn question answered once,
 * no question outside the attempt, only the question's own options, exactly one option for a single-choice question
 * and at least one for a multiple-choice question.
 */
export function answerProblems(questions: readonly GradableQuestion[], answers: readonly GivenAnswer[]): string[] {
  const problems: string[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const seen = new Set<string>();
  for (const answer of answers) {
    const question = byId.get(answer.questionId);
    if (!question) {
      problems.push(`question ${answer.questionId} is not part of this attempt`);
      continue;
    }
    if (seen.has(question.id)) {
      problems.push(`question "${question.text}" is answered more than once`);
      continue;
    }
    seen.add(question.id);
    const optionIds = new Set(question.options.map((option) => option.id));
    const unknown = answer.optionIds.filter((id) => !optionIds.has(id));
    if (unknown.length > 0) problems.push(`question "${question.text}" has no option ${unknown.join(', ')}`);
    if (new Set(answer.optionIds).size !== answer.optionIds.length) problems.push(`question "${question.text}" names an option twice`);
    if (question.kind === 'SINGLE_CHOICE' && answer.optionIds.length !== 1) {
      problems.push(`question "${question.text}" is single choice: give exactly one option (got ${answer.optionIds.length})`);
    }
    if (question.kind === 'MULTIPLE_CHOICE' && answer.optionIds.length === 0) problems.push(`question "${question.text}" needs at least one option`);
  }
  for (const question of questions) if (!seen.has(question.id)) problems.push(`question "${question.text}" is not answered`);
  return problems;
}

/** A question counts as right only when exactly its correct options were chosen (no partial credit). */
export function isRight(question: GradableQuestion, optionIds: readonly string[]): boolean {
  const chosen = new Set(optionIds);
  return chosen.size === question.correct.length && question.correct.every((id) => chosen.has(id));
}

/** Score in whole percent (rounded down, so a pass is never rounded up into existence) and whether it passes. */
export function grade(questions: readonly GradableQuestion[], answers: readonly GivenAnswer[], passMark: number): { score: number; passed: boolean; right: number } {
  const given = new Map(answers.map((answer) => [answer.questionId, answer.optionIds]));
  const right = questions.filter((question) => isRight(question, given.get(question.id) ?? [])).length;
  const score = questions.length === 0 ? 0 : Math.floor((right * 100) / questions.length);
  return { score, passed: score >= passMark, right };
}

/** Attempts still allowed: the maximum plus those granted, less those submitted (never below zero). */
export function attemptsLeft(maxAttempts: number, granted: number, used: number): number {
  return Math.max(0, maxAttempts + granted - used);
}

/** Why a question of a pool is malformed (empty when it is fine). */
export function questionProblems(question: { text: string; kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE'; options: string[]; correct: number[] }, position: number): string[] {
  const label = `question ${position + 1}${question.text.trim() ? ` ("${question.text.trim().slice(0, 60)}")` : ''}`;
  const problems: string[] = [];
  if (!question.text.trim()) problems.push(`${label} has no text`);
  if (question.options.length < 2) problems.push(`${label} needs at least two options`);
  if (question.options.some((option) => !option.trim())) problems.push(`${label} has an empty option`);
  if (question.correct.some((index) => !Number.isInteger(index) || index < 0 || index >= question.options.length)) {
    problems.push(`${label} marks an option as correct that it does not have`);
  }
  if (new Set(question.correct).size !== question.correct.length) problems.push(`${label} marks an option correct twice`);
  if (question.kind === 'SINGLE_CHOICE' && question.correct.length !== 1) problems.push(`${label} is single choice: mark exactly one option correct`);
  if (question.kind === 'MULTIPLE_CHOICE' && question.correct.length === 0) problems.push(`${label} needs at least one correct option`);
  return problems;
}
