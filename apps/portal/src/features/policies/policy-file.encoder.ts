import type { PolicyFileInput } from '../../gql/graphql';

/** What the API accepts as a policy document (controls-service POLICY_FILE_TYPES), with the names people know. */
export const POLICY_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (.docx)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text (.odt)',
  'text/markdown': 'Markdown',
  'text/plain': 'Plain text',
  'text/html': 'HTML',
};

/** The API refuses documents above 3 MiB (request bodies are limited, and base64 adds a third). */
export const POLICY_FILE_MAX_BYTES = 3 * 1024 * 1024;

/** Browsers leave some types empty (.md): the extension decides then. */
function contentTypeOf(file: File): string {
  if (file.type && file.type in POLICY_FILE_TYPES) return file.type;
  const extension = file.name.toLowerCase().split('.').pop();
  if (extension === 'md' || extension === 'markdown') return 'text/markdown';
  if (extension === 'txt') return 'text/plain';
  return file.type || 'application/octet-stream';
}

/** Why a chosen file cannot be a policy document, or null when it can. */
export function policyFileProblem(file: File): string | null {
  if (!(contentTypeOf(file) in POLICY_FILE_TYPES)) return `A policy document must be ${Object.values(POLICY_FILE_TYPES).join(', ')}.`;
  if (file.size > POLICY_FILE_MAX_BYTES) return 'A policy document may be at most 3 MB.';
  if (file.size === 0) return 'The file is empty.';
  return null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** The file as the API takes it, with its SHA-256 so the platform can tell a document damaged on the way. */
export async function encodePolicyFile(file: File): Promise<PolicyFileInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { name: file.name, contentType: contentTypeOf(file), contentBase64: toBase64(bytes), sha256 };
}
