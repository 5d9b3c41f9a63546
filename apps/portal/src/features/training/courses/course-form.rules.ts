/** The values of the course form: the course, its content and its quiz (optional). */
export interface QuestionValues {
  kind: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE';
  text: string;
  /** One option per line. */
  options: string;
  /** Positions (1-based, comma-separated) of the correct options. */
  correct: string;
}

export interface CourseValues {
  title: string;
  kind: 'AWARENESS' | 'ROLE_BASED' | 'POLICY';
  durationMinutes: number;
  contentKind: 'MARKDOWN' | 'LINK' | 'EVIDENCE_FILE';
  content: string;
  passMarkPercent: number;
  questionsPerAttempt: number;
  maxAttempts: number;
  questions: QuestionValues[];
}

export const emptyQuestion = (): QuestionValues => ({ kind: 'SINGLE_CHOICE', text: '', options: '', correct: '1' });

export const optionsOf = (question: QuestionValues): string[] => question.options.split('\n').map((line) => line.trim()).filter(Boolean);

/** The correct options as 0-based positions, or null when the text is not a list of option numbers. */
export function correctOf(question: QuestionValues): number[] | null {
  const parts = question.correct.split(',').map((part) => part.trim()).filter(Boolean);
  if (parts.some((part) => !/^\d+$/.test(part))) return null;
  return parts.map((part) => Number(part) - 1);
}

/** What the server would refuse, said before sending. */
export function courseFormErrors(values: CourseValues): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  if (!values.title.trim()) errors['title'] = 'Give the course a title';
  if (!values.content.trim()) errors['content'] = 'Give the content';
  if (values.contentKind === 'LINK' && !/^https:\/\//.test(values.content.trim())) errors['content'] = 'A link must start with https://';
  values.questions.forEach((question, index) => {
    const options = optionsOf(question);
    const correct = correctOf(question);
    if (!question.text.trim()) errors[`questions.${index}.text`] = 'Write the question';
    if (options.length < 2) errors[`questions.${index}.options`] = 'At least two options, one per line';
    if (!correct || correct.length === 0 || correct.some((i) => i < 0 || i >= options.length)) errors[`questions.${index}.correct`] = 'Numbers of the correct options, e.g. 1 or 1,3';
    else if (question.kind === 'SINGLE_CHOICE' && correct.length !== 1) errors[`questions.${index}.correct`] = 'Single choice: exactly one correct option';
  });
  if (values.questions.length > 0 && values.questionsPerAttempt > values.questions.length) errors['questionsPerAttempt'] = `At most ${values.questions.length} (the questions written)`;
  return errors;
}
