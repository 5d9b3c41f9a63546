import { useApolloClient } from '@apollo/client/react';
import { Button, Card, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { MarkdownDocument } from '../../components/markdown';
import { PolicyVersionDownloadDocument } from '../../gql/graphql';
import { downloadBase64File } from '../../lib/download';
import { formatBytes } from './policy.format';
import { POLICY_FILE_TYPES } from './policy-file.encoder';

interface VersionContent {
  id: string;
  version: string;
  body: string | null;
  file: { name: string; contentType: string; size: number } | null;
}

/** The text of a version as its readers see it: rendered Markdown, or its uploaded document to download. */
export function PolicyVersionText({ version, title }: { version: VersionContent; title: string }) {
  const client = useApolloClient();
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (version.body !== null) return <MarkdownDocument source={version.body} testId="policy-text" label={`${title}, version ${version.version}`} />;
  if (!version.file) return <Text size="sm">This version has no content.</Text>;
  const file = version.file;
  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      const { data } = await client.query({ query: PolicyVersionDownloadDocument, variables: { versionId: version.id }, fetchPolicy: 'network-only' });
      if (data?.policyVersionFile) downloadBase64File({ filename: data.policyVersionFile.name, contentType: data.policyVersionFile.contentType, base64: data.policyVersionFile.contentBase64 });
    } catch (caught) {
      setError(caught);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Card withBorder data-testid="policy-file-card">
      <Group justify="space-between">
        <div>
          <Text fw={600} size="sm">
            {file.name}
          </Text>
          <Text size="xs" c="dimmed">
            {POLICY_FILE_TYPES[file.contentType] ?? file.contentType}, {formatBytes(file.size)}
          </Text>
        </div>
        <Button variant="light" onClick={() => void download()} loading={downloading} data-testid="policy-file-download">
          Download the document
        </Button>
      </Group>
      {error !== null && <ErrorAlert title="The document could not be downloaded" error={error} />}
    </Card>
  );
}
