import { Radio, Group, Stack, Textarea, TextInput } from '@mantine/core';
import type { EvidenceContentInput } from '../../gql/graphql';
import type { UploadedEvidenceFile } from '../../lib/evidence-files';
import { EvidenceFileDropzone } from './evidence-file.dropzone';
import { notePayload } from './evidence.format';

/** What a person hands in by hand: a file, an https link, or a short note (stored as a record). */
export type ContentKind = 'FILE' | 'LINK' | 'NOTE';

export interface ContentValues {
  kind: ContentKind;
  file: UploadedEvidenceFile | null;
  url: string;
  note: string;
}

export const EMPTY_CONTENT: ContentValues = { kind: 'FILE', file: null, url: '', note: '' };

/** What is missing from the content, by field, before anything is sent. */
export function contentErrors(values: ContentValues): Partial<Record<'file' | 'url' | 'note', string>> {
  if (values.kind === 'FILE' && !values.file) return { file: 'Upload the file first: drag it onto the box or click the box to choose it' };
  if (values.kind === 'LINK') {
    const url = values.url.trim();
    if (!url) return { url: 'Give the https address of the evidence' };
    if (!/^https:\/\/\S+$/i.test(url)) return { url: 'The address must start with https://' };
  }
  if (values.kind === 'NOTE' && !values.note.trim()) return { note: 'Write the note: what was checked, by whom, and the outcome' };
  return {};
}

/** The API's content input for the values (checked with contentErrors first). */
export function contentInput(values: ContentValues): EvidenceContentInput {
  switch (values.kind) {
    case 'FILE':
      return { kind: 'FILE', fileId: values.file?.id ?? null };
    case 'LINK':
      return { kind: 'LINK', url: values.url.trim() };
    case 'NOTE':
      return { kind: 'RECORD', payload: notePayload(values.note), assertionPassed: true };
  }
}

interface Props {
  values: ContentValues;
  onChange: (values: ContentValues) => void;
  unitId: string | null;
  errors: Partial<Record<'file' | 'url' | 'note', string | undefined>>;
}

/** The choice of file, link or note, and the field for the one chosen. */
export function EvidenceContentFields({ values, onChange, unitId, errors }: Props) {
  return (
    <Stack gap="sm">
      <Radio.Group label="What you hand in" value={values.kind} onChange={(kind) => onChange({ ...values, kind: kind as ContentKind })} data-testid="evidence-content-kind">
        <Group mt={4}>
          <Radio value="FILE" label="A file" />
          <Radio value="LINK" label="A link" />
          <Radio value="NOTE" label="A note" />
        </Group>
      </Radio.Group>
      {values.kind === 'FILE' && (
        <EvidenceFileDropzone unitId={unitId} disabled={!unitId} onUploaded={(file) => onChange({ ...values, file })} error={errors.file ?? (unitId ? null : 'Choose the department first: the file is stored for it')} />
      )}
      {values.kind === 'LINK' && (
        <TextInput label="Address (https)" placeholder="https://" required value={values.url} onChange={(event) => onChange({ ...values, url: event.currentTarget.value })} error={errors.url} />
      )}
      {values.kind === 'NOTE' && (
        <Textarea label="Note" required autosize minRows={3} maxRows={10} value={values.note} onChange={(event) => onChange({ ...values, note: event.currentTarget.value })} error={errors.note} />
      )}
    </Stack>
  );
}
