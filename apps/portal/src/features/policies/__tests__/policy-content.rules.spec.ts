import { createHash } from 'node:crypto';
import { contentErrors, toContentInput } from '../policy-content.rules';
import { POLICY_FILE_MAX_BYTES, policyFileProblem } from '../policy-file.encoder';

const markdown = (body: string, changeSummary = '') => ({ kind: 'markdown' as const, body, file: null, changeSummary });
const upload = (file: File | null, changeSummary = '') => ({ kind: 'file' as const, body: '', file, changeSummary });
const file = (content: string | Uint8Array<ArrayBuffer>, name: string, type = '') => new File([content], name, { type });

describe('contentErrors', () => {
  it('asks for the text of a Markdown version, refuses more than 500,000 characters, and asks what changed only when required', () => {
    expect(contentErrors(markdown('  \n '))).toEqual({ body: 'Write the policy text, or upload a document instead.' });
    expect(contentErrors(markdown('x'.repeat(500_001)))).toEqual({ body: 'The text may have at most 500,000 characters.' });
    expect(contentErrors(markdown('x'.repeat(500_000)))).toEqual({});
    expect(contentErrors(markdown('# Policy', '  '), { changeSummaryRequired: true })).toEqual({ changeSummary: 'Say what changed, so readers know what to look for.' });
    expect(contentErrors(markdown('# Policy', 'New retention period'), { changeSummaryRequired: true })).toEqual({});
    expect(contentErrors(markdown('# Policy', '  '))).toEqual({});
  });

  it('asks for a document unless the version already has one, and puts what is wrong with a chosen file on the file field', () => {
    expect(contentErrors(upload(null))).toEqual({ file: 'Choose the policy document, or write the text in Markdown instead.' });
    expect(contentErrors(upload(null), { hasCurrentFile: true })).toEqual({});
    expect(contentErrors(upload(file('', 'policy.pdf', 'application/pdf')), { hasCurrentFile: true })).toEqual({ file: 'The file is empty.' });
  });
});

describe('policyFileProblem', () => {
  it('accepts the document types the API takes, deciding by extension when the browser gives no type', () => {
    expect(policyFileProblem(file('%PDF', 'policy.pdf', 'application/pdf'))).toBeNull();
    expect(policyFileProblem(file('# Policy', 'POLICY.MD'))).toBeNull();
    expect(policyFileProblem(file('Policy', 'policy.txt'))).toBeNull();
  });

  it('names the accepted types when a file is of another type', () => {
    expect(policyFileProblem(file('GIF89a', 'logo.gif', 'image/gif'))).toBe(
      'A policy document must be PDF, Word (.docx), OpenDocument text (.odt), Markdown, Plain text, HTML.',
    );
    expect(policyFileProblem(file('x', 'policy'))).toMatch(/^A policy document must be /);
  });

  it('refuses a document above 3 MB, and accepts one of exactly 3 MB', () => {
    expect(policyFileProblem(file(new Uint8Array(POLICY_FILE_MAX_BYTES + 1), 'big.pdf', 'application/pdf'))).toBe('A policy document may be at most 3 MB.');
    expect(policyFileProblem(file(new Uint8Array(POLICY_FILE_MAX_BYTES), 'max.pdf', 'application/pdf'))).toBeNull();
  });
});

describe('toContentInput', () => {
  it('sends Markdown text as written with a trimmed change summary or none, and nothing when the current file stays', async () => {
    await expect(toContentInput(markdown('# Policy\n', '  Shorter retention '))).resolves.toEqual({ body: '# Policy\n', changeSummary: 'Shorter retention' });
    await expect(toContentInput(markdown('# Policy', '   '))).resolves.toEqual({ body: '# Policy', changeSummary: null });
    await expect(toContentInput(upload(null, 'kept'))).resolves.toBeNull();
  });

  it('sends a chosen file whole, typed by its extension, with its SHA-256 so damage on the way can be told', async () => {
    const text = '# Access policy\nÜbersicht\n';
    const input = await toContentInput(upload(file(text, 'access.md'), 'first upload'));
    expect(input).toEqual({
      file: {
        name: 'access.md',
        contentType: 'text/markdown',
        contentBase64: Buffer.from(text, 'utf8').toString('base64'),
        sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      },
      changeSummary: 'first upload',
    });
  });
});
