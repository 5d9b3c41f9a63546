import { CourseContentKind } from './course.entity';

export interface ContentFields {
  contentKind: CourseContentKind;
  contentMarkdown: string | null;
  contentFileId: string | null;
  contentUrl: string | null;
}

/**
 * The content as columns, or why it is not acceptable: exactly the field of its kind is given (Markdown text, an
 * evidence file id, or an https link with a host and no credentials in it).
 */
export function contentFields(input: { kind: CourseContentKind; markdown?: string | null; fileId?: string | null; url?: string | null }): ContentFields | string {
  const markdown = input.markdown?.trim() || null;
  const url = input.url?.trim() || null;
  const fileId = input.fileId || null;
  const given = [markdown && 'markdown', fileId && 'fileId', url && 'url'].filter(Boolean) as string[];
  const expected = { MARKDOWN: 'markdown', EVIDENCE_FILE: 'fileId', LINK: 'url' }[input.kind];
  if (!given.includes(expected)) return `content of kind ${input.kind} needs ${expected}`;
  if (given.length > 1) return `content of kind ${input.kind} takes only ${expected} (also given: ${given.filter((name) => name !== expected).join(', ')})`;
  if (input.kind === 'LINK' && url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `content url "${url.slice(0, 100)}" is not a valid URL`;
    }
    if (parsed.protocol !== 'https:') return `content url must use https (got ${parsed.protocol.replace(':', '')})`;
    if (parsed.username || parsed.password) return 'content url must not carry a user name or password';
  }
  return { contentKind: input.kind, contentMarkdown: markdown, contentFileId: fileId, contentUrl: url };
}

/** `YYYY-MM-DD` that is `days` after the UTC day of `now`. */
export function dueInDays(days: number, now: Date = new Date()): string {
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  return due.toISOString().slice(0, 10);
}
