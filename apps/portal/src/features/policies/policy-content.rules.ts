import type { PolicyContentInput } from '../../gql/graphql';
import type { PolicyContentValues } from './policy-content.editor';
import { encodePolicyFile, policyFileProblem } from './policy-file.encoder';

/** What is wrong with a version's content before it is sent, by field (empty when nothing is). */
export function contentErrors(values: PolicyContentValues, options: { hasCurrentFile?: boolean; changeSummaryRequired?: boolean } = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.kind === 'markdown') {
    if (!values.body.trim()) errors['body'] = 'Write the policy text, or upload a document instead.';
    else if (values.body.length > 500_000) errors['body'] = 'The text may have at most 500,000 characters.';
  } else if (values.file) {
    const problem = policyFileProblem(values.file);
    if (problem) errors['file'] = problem;
  } else if (!options.hasCurrentFile) {
    errors['file'] = 'Choose the policy document, or write the text in Markdown instead.';
  }
  if (options.changeSummaryRequired && !values.changeSummary.trim()) errors['changeSummary'] = 'Say what changed, so readers know what to look for.';
  return errors;
}

/** The content as the API takes it: exactly one of Markdown text or a file. Null when an existing file stays. */
export async function toContentInput(values: PolicyContentValues): Promise<PolicyContentInput | null> {
  const changeSummary = values.changeSummary.trim() || null;
  if (values.kind === 'markdown') return { body: values.body, changeSummary };
  if (!values.file) return null;
  return { file: await encodePolicyFile(values.file), changeSummary };
}
