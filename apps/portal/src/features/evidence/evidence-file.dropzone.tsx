import '@mantine/dropzone/styles.css';
import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useEffect, useRef, useState } from 'react';
import { uploadEvidenceFile, type UploadedEvidenceFile } from '../../lib/evidence-files';
import { evidenceRefusal } from './evidence.errors';
import { formatBytes } from './evidence.format';

interface Props {
  /** The unit the file is collected for (the API checks the caller reaches it). */
  unitId: string | null;
  /** The stored file once the upload finished, or null while none is (or after "Choose another file"). */
  onUploaded: (file: UploadedEvidenceFile | null) => void;
  /** A message about the file from the form (e.g. "Upload the file first"). */
  error?: string | null | undefined;
  disabled?: boolean;
}

type State = { step: 'idle' } | { step: 'uploading'; name: string; percent: number } | { step: 'done'; file: UploadedEvidenceFile } | { step: 'failed'; name: string; message: string };

/**
 * Drop a file here (or browse for one): it uploads at once, streamed to the platform, with its progress; the platform
 * detects its type from its bytes, computes its SHA-256 and answers with the stored file. One file per version.
 */
export function EvidenceFileDropzone({ unitId, onUploaded, error, disabled }: Props) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = (file: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    onUploaded(null);
    setState({ step: 'uploading', name: file.name, percent: 0 });
    uploadEvidenceFile(file, unitId, ({ loaded, total }) => setState({ step: 'uploading', name: file.name, percent: total > 0 ? Math.round((loaded / total) * 100) : 0 }), controller.signal).then(
      (stored) => {
        setState({ step: 'done', file: stored });
        onUploaded(stored);
      },
      (caught: unknown) => {
        if (caught instanceof DOMException && caught.name === 'AbortError') return;
        setState({ step: 'failed', name: file.name, message: evidenceRefusal(caught) });
      },
    );
  };

  if (state.step === 'done') {
    return (
      <Stack gap={4} data-testid="evidence-file-uploaded">
        <Text size="sm" fw={600}>
          File
        </Text>
        <Text size="sm" data-testid="evidence-file-name">
          {state.file.fileName} · {formatBytes(state.file.sizeBytes)} · {state.file.mediaType}
        </Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          SHA-256 {state.file.sha256}
        </Text>
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setState({ step: 'idle' });
              onUploaded(null);
            }}
          >
            Choose another file
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap={6}>
      <Text size="sm" fw={600} id="evidence-file-label">
        File
      </Text>
      <Dropzone
        onDrop={(files) => {
          const [first] = files;
          if (first) start(first);
        }}
        multiple={false}
        disabled={disabled || state.step === 'uploading'}
        loading={false}
        aria-labelledby="evidence-file-label"
        data-testid="evidence-dropzone"
        inputProps={{ 'aria-label': 'Evidence file' }}
        style={{ borderColor: error || state.step === 'failed' ? 'var(--mantine-color-red-7)' : undefined }}
      >
        <Stack gap={2} align="center" py="md" style={{ pointerEvents: 'none' }}>
          <Text size="sm" fw={600}>
            Drag the file here, or click to choose it
          </Text>
          <Text size="xs" c="dimmed">
            PDF, images, office documents, ZIP or text; the platform checks the type from the file itself.
          </Text>
        </Stack>
      </Dropzone>
      {state.step === 'uploading' && (
        <Stack gap={2} data-testid="evidence-upload-progress">
          <Text size="sm">
            Uploading {state.name}… {state.percent}%
          </Text>
          <Progress value={state.percent} aria-label={`Upload of ${state.name}`} animated />
        </Stack>
      )}
      {state.step === 'failed' && (
        <Text size="sm" c="red.8" role="alert" data-testid="evidence-upload-error">
          {state.name} was not uploaded: {state.message}
        </Text>
      )}
      {error && state.step !== 'failed' && (
        <Text size="sm" c="red.8" data-testid="evidence-file-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
