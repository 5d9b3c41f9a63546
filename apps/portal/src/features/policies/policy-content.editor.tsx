import { FileInput, SegmentedControl, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { MarkdownDocument } from '../../components/markdown';
import { formatBytes } from './policy.format';
import { POLICY_FILE_TYPES } from './policy-file.encoder';

export type PolicyContentKind = 'markdown' | 'file';

/** The content of a version as a form holds it: Markdown text or a chosen file, and what changed. */
export interface PolicyContentValues {
  kind: PolicyContentKind;
  body: string;
  file: File | null;
  changeSummary: string;
}

export const EMPTY_CONTENT: PolicyContentValues = { kind: 'markdown', body: '', file: null, changeSummary: '' };

interface PolicyContentEditorProps {
  values: PolicyContentValues;
  onChange: (changes: Partial<PolicyContentValues>) => void;
  errors: { body?: string; file?: string; changeSummary?: string };
  /** An uploaded document the version already has, kept unless another is chosen. */
  currentFile?: { name: string; size: number } | null;
  changeSummaryRequired?: boolean;
}

/**
 * Writes a version's content: Markdown with a live preview (rendered as the audience will read it), or an uploaded
 * document; and a change summary that tells readers what is new.
 */
export function PolicyContentEditor({ values, onChange, errors, currentFile, changeSummaryRequired }: PolicyContentEditorProps) {
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} id="policy-content-kind">
          Content
        </Text>
        <SegmentedControl
          aria-labelledby="policy-content-kind"
          value={values.kind}
          onChange={(value) => onChange({ kind: value as PolicyContentKind })}
          data={[
            { value: 'markdown', label: 'Write in Markdown' },
            { value: 'file', label: 'Upload a document' },
          ]}
          data-testid="policy-content-kind"
        />
      </div>
      {values.kind === 'markdown' ? (
        <Tabs defaultValue="write" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="write" data-testid="policy-tab-write">
              Write
            </Tabs.Tab>
            <Tabs.Tab value="preview" data-testid="policy-tab-preview">
              Preview
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="write" pt="sm">
            <Textarea
              label="Policy text (Markdown)"
              description="# Heading, ## Sub-heading, - list item, **bold**, [link](https://…). HTML is not rendered."
              autosize
              minRows={12}
              maxRows={30}
              value={values.body}
              onChange={(event) => onChange({ body: event.currentTarget.value })}
              error={errors.body}
              withAsterisk
              styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' } }}
              data-testid="policy-body"
            />
          </Tabs.Panel>
          <Tabs.Panel value="preview" pt="sm">
            {values.body.trim() ? (
              <MarkdownDocument source={values.body} testId="policy-preview" label="Preview of the policy text" />
            ) : (
              <Text size="sm" c="dimmed" data-testid="policy-preview-empty">
                Nothing to preview yet: write the policy text first.
              </Text>
            )}
          </Tabs.Panel>
        </Tabs>
      ) : (
        <FileInput
          label="Policy document"
          description={`${Object.values(POLICY_FILE_TYPES).join(', ')}; at most 3 MB.${currentFile ? ` Now: ${currentFile.name} (${formatBytes(currentFile.size)}); choose a file to replace it.` : ''}`}
          placeholder="Choose a file"
          accept={Object.keys(POLICY_FILE_TYPES).join(',') + ',.md'}
          value={values.file}
          onChange={(file) => onChange({ file })}
          error={errors.file}
          clearable
          withAsterisk={!currentFile}
          data-testid="policy-file"
        />
      )}
      <TextInput
        label="Change summary"
        description="What is new in this version, in a sentence the audience will read."
        value={values.changeSummary}
        onChange={(event) => onChange({ changeSummary: event.currentTarget.value })}
        error={errors.changeSummary}
        withAsterisk={changeSummaryRequired}
        maxLength={2000}
        data-testid="policy-change-summary"
      />
    </Stack>
  );
}
