import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Checkbox, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { MarkdownDocument } from '../../../components/markdown';
import { Page, Section } from '../../../components/page';
import {
  CoursePlayerAssignmentDocument,
  CoursePlayerStartAttemptDocument,
  CoursePlayerStartDocument,
  CoursePlayerSubmitDocument,
  type CoursePlayerStartAttemptMutation,
  type CoursePlayerSubmitMutation,
} from '../../../gql/graphql';
import { gatewayUrl } from '../../../lib/gateway';
import { notifyFailure } from '../../../lib/notify';
import { downloadCertificate } from './certificate.download';

type Attempt = CoursePlayerStartAttemptMutation['startQuizAttempt'];
type Result = CoursePlayerSubmitMutation['submitQuizAttempt'];

/** The course player: the content, then the quiz (questions drawn for this attempt), then the result and the certificate. */
export function CoursePlayerRoute() {
  const { assignmentId = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(CoursePlayerAssignmentDocument, { variables: { assignmentId }, fetchPolicy: 'cache-and-network' });
  const [start] = useMutation(CoursePlayerStartDocument);
  const [startAttempt, startingAttempt] = useMutation(CoursePlayerStartAttemptDocument);
  const [submit, submitting] = useMutation(CoursePlayerSubmitDocument);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<Result | null>(null);

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Course">
        <ErrorAlert title="Could not open this course" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const player = data?.coursePlayer;
  if (!player) return null;
  const info = data?.courses.find((c) => c.id === player.courseId) ?? null;

  const beginQuiz = async () => {
    setResult(null);
    setAnswers({});
    if (player.status === 'ASSIGNED') await start({ variables: { assignmentId } });
    try {
      const answer = await startAttempt({ variables: { assignmentId } });
      setAttempt(answer.data?.startQuizAttempt ?? null);
    } catch (failure) {
      notifyFailure('The quiz could not start', (failure as Error).message);
    }
  };
  const send = async () => {
    if (!attempt) return;
    try {
      const answer = await submit({ variables: { input: { attemptId: attempt.id, answers: attempt.questions.map((q) => ({ questionId: q.id, optionIds: answers[q.id] ?? [] })) } } });
      setResult(answer.data?.submitQuizAttempt ?? null);
      setAttempt(null);
      await refetch();
    } catch (failure) {
      notifyFailure('Your answers were not accepted', (failure as Error).message);
    }
  };
  const complete = player.status === 'COMPLETED';
  const allAnswered = attempt?.questions.every((q) => (answers[q.id] ?? []).length > 0) ?? false;

  return (
    <Page title={info?.title ?? 'Course'} description={`Version ${player.courseVersion}${player.hasQuiz ? ` · quiz: ${player.questionsPerAttempt} questions, pass mark ${player.passMarkPercent} %` : ''}`}>
      <Section title="Content" testId="course-content">
        {info?.content?.kind === 'MARKDOWN' && info.content.markdown ? <MarkdownDocument source={info.content.markdown} testId="course-markdown" /> : null}
        {info?.content?.kind === 'LINK' && info.content.url ? (
          <Anchor href={info.content.url} target="_blank" rel="noopener noreferrer" data-testid="course-link">
            Open the course material
          </Anchor>
        ) : null}
        {info?.content?.kind === 'EVIDENCE_FILE' && info.content.fileId ? (
          <Anchor href={`${gatewayUrl}/evidence/files/${info.content.fileId}`} data-testid="course-file">
            Download the course material
          </Anchor>
        ) : null}
        {!info?.content ? <Text size="sm">{info?.description ?? 'This course has no content online.'}</Text> : null}
      </Section>

      {result ? (
        <Alert variant="outline" color={result.passed ? 'dark' : 'red.9'} title={result.passed ? 'Passed' : 'Not passed'} data-testid="quiz-result">
          <Text size="sm" data-testid="quiz-result-text">
            {result.passed
              ? `Passed with ${result.score} % (${result.right} of ${result.questionCount} right).`
              : `Not passed: ${result.score} % (${result.right} of ${result.questionCount} right; ${result.passMarkPercent} % needed), ${result.attemptsLeft} attempt${result.attemptsLeft === 1 ? '' : 's'} left.`}
          </Text>
        </Alert>
      ) : null}

      {player.hasQuiz && !complete ? (
        <Section title="Quiz" testId="course-quiz">
          {!attempt ? (
            <Stack gap="xs">
              <Text size="sm" data-testid="quiz-attempts-left">
                {player.attemptsLeft === 0 ? 'No attempts left: ask your ISMS manager for another attempt.' : `${player.attemptsLeft} attempt${player.attemptsLeft === 1 ? '' : 's'} left.`}
              </Text>
              <Group>
                <Button onClick={() => void beginQuiz()} loading={startingAttempt.loading} disabled={player.attemptsLeft === 0} data-testid="quiz-start">
                  {player.openAttemptId ? 'Continue the quiz' : 'Start the quiz'}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Stack gap="md">
              {attempt.questions.map((question, index) => (
                <Stack key={question.id} gap={4} data-testid="quiz-question">
                  <Title order={5}>
                    {index + 1}. {question.text}
                  </Title>
                  {question.kind === 'SINGLE_CHOICE' ? (
                    <Radio.Group value={answers[question.id]?.[0] ?? null} onChange={(value) => setAnswers({ ...answers, [question.id]: [value] })}>
                      <Stack gap={4}>
                        {question.options.map((option) => (
                          <Radio key={option.id} value={option.id} label={option.text} />
                        ))}
                      </Stack>
                    </Radio.Group>
                  ) : (
                    <Checkbox.Group value={answers[question.id] ?? []} onChange={(value) => setAnswers({ ...answers, [question.id]: value })}>
                      <Stack gap={4}>
                        {question.options.map((option) => (
                          <Checkbox key={option.id} value={option.id} label={option.text} />
                        ))}
                      </Stack>
                    </Checkbox.Group>
                  )}
                </Stack>
              ))}
              <Group>
                <Button onClick={() => void send()} loading={submitting.loading} disabled={!allAnswered} data-testid="quiz-submit">
                  Submit answers
                </Button>
              </Group>
            </Stack>
          )}
        </Section>
      ) : null}

      {!player.hasQuiz && !complete ? (
        <Text size="sm" c="dimmed">
          This course has no quiz: mark it done from My work once you have read it.
        </Text>
      ) : null}

      {complete ? (
        <Section title="Completed" testId="course-completed">
          <Stack gap="xs">
            <Text size="sm">
              Completed{player.completedAt ? ` on ${player.completedAt.slice(0, 10)}` : ''}
              {player.score !== null && player.score !== undefined ? ` with ${player.score} %` : ''}.
            </Text>
            <Group>
              <Button onClick={() => void downloadCertificate(assignmentId).catch((failure: Error) => notifyFailure('No certificate', failure.message))} data-testid="certificate-download">
                Download certificate (PDF)
              </Button>
            </Group>
          </Stack>
        </Section>
      ) : null}
    </Page>
  );
}
