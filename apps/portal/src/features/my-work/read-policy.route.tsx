import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useCallback, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { MarkdownDocument } from '../../components/markdown';
import { Page } from '../../components/page';
import { MyWorkAcknowledgePolicyDocument, MyWorkPendingAcknowledgementsDocument, MyWorkPolicyFileDocument, MyWorkPolicyToReadDocument } from '../../gql/graphql';
import { downloadBase64File } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

/** A ref for an element, and whether it has been on screen yet: the reader has reached the end of the text. */
function useSeen(): [(element: Element | null) => void, boolean] {
  const [seen, setSeen] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((element: Element | null) => {
    observer.current?.disconnect();
    if (!element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setSeen(true);
        observer.current?.disconnect();
      }
    });
    observer.current.observe(element);
  }, []);
  return [ref, seen];
}

/**
 * One policy to acknowledge: its version in force, rendered, then the acknowledgement. The button is enabled once the
 * end of the text has been on screen (or the document has been opened), and asks for confirmation.
 */
export function ReadPolicyRoute() {
  const { acknowledgementId = '' } = useParams();
  const navigate = useNavigate();
  const client = useApolloClient();
  const tasks = useQuery(MyWorkPendingAcknowledgementsDocument);
  const task = tasks.data?.myPendingPolicyAcknowledgements.find((candidate) => candidate.id === acknowledgementId) ?? null;
  const policyId = task?.policy.id ?? '';
  const policy = useQuery(MyWorkPolicyToReadDocument, { variables: { policyId }, skip: !policyId });
  const [endRef, reachedEnd] = useSeen();
  const [opened, setOpened] = useState(false);
  const [fileError, setFileError] = useState<unknown>(null);
  const [acknowledge, acknowledgement] = useMutation(MyWorkAcknowledgePolicyDocument, {
    // The list of pending tasks (here and on the home page) is asked again: the acknowledged one has left it.
    update: (cache) => {
      cache.evict({ fieldName: 'myPendingPolicyAcknowledgements' });
      cache.gc();
    },
  });

  if ((tasks.loading && !tasks.data) || (policy.loading && !policy.data)) return <Loading />;
  if (tasks.error && !tasks.data) {
    return (
      <Page title="Policy to acknowledge">
        <ErrorAlert title="Could not load the policies you are asked to acknowledge" error={tasks.error} onRetry={() => void tasks.refetch()} />
      </Page>
    );
  }
  if (!task) {
    return (
      <Page title="Nothing to acknowledge here">
        <Text size="sm" data-testid="ack-task-missing">
          This acknowledgement is not waiting for you: it may be done already, or a newer version replaced it.{' '}
          <Anchor component={Link} to="/my/policies">
            See the policies you have to acknowledge
          </Anchor>
        </Text>
      </Page>
    );
  }
  if (policy.error && !policy.data) {
    return (
      <Page title={task.policyTitle}>
        <ErrorAlert title="Could not load the policy text" error={policy.error} onRetry={() => void policy.refetch()} />
      </Page>
    );
  }
  const version = policy.data?.policy?.publishedVersion ?? null;
  const title = policy.data?.policy?.title ?? task.policyTitle;
  const shown = version?.body !== null && version?.body !== undefined ? reachedEnd : opened;

  const openFile = async () => {
    if (!version) return;
    setFileError(null);
    try {
      const { data } = await client.query({ query: MyWorkPolicyFileDocument, variables: { versionId: version.id }, fetchPolicy: 'network-only' });
      const file = data?.policyVersionFile;
      if (file) {
        downloadBase64File({ filename: file.name, contentType: file.contentType, base64: file.contentBase64 });
        setOpened(true);
      }
    } catch (caught) {
      setFileError(caught);
    }
  };

  const confirm = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Acknowledge “${title}” ${task.version}?`,
      children: <Text size="sm">You confirm that you have read and understood this policy and that you will follow it. The version you read, its SHA-256 fingerprint, the date and time, and where you acknowledged from are recorded.</Text>,
      labels: { confirm: 'I acknowledge it', cancel: 'Cancel' },
      onConfirm: () => {
        void acknowledge({ variables: { acknowledgementId: task.id, contentSha256: version?.contentSha256 ?? null } })
          .then(() => {
            notifySuccess('Policy acknowledged', `Thank you: your acknowledgement of “${title}” ${task.version} is recorded.`);
            void navigate('/my/policies');
          })
          .catch(() => undefined);
      },
    });

  return (
    <Page title={title} description={`Version ${version?.version ?? task.version}${version?.publishedAt ? `, in force since ${formatDate(version.publishedAt)}` : ''}. You were asked on ${formatDate(task.createdAt)}.`}>
      {!version ? (
        <Alert color="yellow" variant="light" data-testid="policy-withdrawn">
          This policy is no longer in force, so there is no text to read. Your ISMS manager will withdraw the request.
        </Alert>
      ) : (
        <Stack gap="md" maw={860}>
          {version.changeSummary && (
            <Text size="sm">
              <strong>What changed:</strong> {version.changeSummary}
            </Text>
          )}
          <Card withBorder padding="lg">
            {version.body !== null ? (
              <MarkdownDocument source={version.body} testId="policy-text" label={`${title}, version ${version.version}`} />
            ) : (
              <Stack gap="xs">
                <Text size="sm">This policy is a document{version.file ? `: ${version.file.name}` : ''}. Open it and read it before you acknowledge it.</Text>
                <Group>
                  <Button variant="light" onClick={() => void openFile()} data-testid="policy-file-open">
                    Open the document
                  </Button>
                </Group>
                {fileError !== null && <ErrorAlert title="The document could not be opened" error={fileError} />}
              </Stack>
            )}
            <div ref={endRef} data-testid="policy-end" aria-hidden style={{ height: 1 }} />
          </Card>
          {acknowledgement.error && <ErrorAlert title="Your acknowledgement was not recorded" error={acknowledgement.error} />}
          <Group>
            <Button onClick={confirm} disabled={!shown} loading={acknowledgement.loading} data-testid="acknowledge">
              Acknowledge
            </Button>
            {!shown && (
              <Text size="sm" data-testid="acknowledge-hint">
                {version.body !== null ? 'Read to the end of the policy to acknowledge it.' : 'Open the document to acknowledge it.'}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </Page>
  );
}
