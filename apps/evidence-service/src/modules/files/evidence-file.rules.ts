/*
 * Pure rules of evidence files: which types are accepted, how a file name is kept, how a download is named.
 * No I/O here; the upload handler feeds these with what it read.
 */

/** The largest display name kept, in characters (the rest is cut, the extension kept). */
export const FILE_NAME_MAX = 255;

/** An accepted kind of file: its media type and the extensions a name may carry for it. */
export interface AcceptedType {
  mediaType: string;
  extensions: readonly string[];
  label: string;
}

/** Binary types, as `file-type` detects them from the bytes. */
export const ACCEPTED_BINARY_TYPES: readonly AcceptedType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { mediaType: 'image/png', extensions: ['png'], label: 'PNG image' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG image' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word document' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel workbook' },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PowerPoint presentation' },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'OpenDocument text' },
  { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'OpenDocument spreadsheet' },
  { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'], label: 'OpenDocument presentation' },
  { mediaType: 'application/zip', extensions: ['zip'], label: 'ZIP archive' },
];

/** Plain-text types: valid UTF-8 without NUL bytes and without markup or a script header, told apart by the extension. */
export const ACCEPTED_TEXT_TYPES: readonly AcceptedType[] = [
  { mediaType: 'text/plain', extensions: ['txt', 'log'], label: 'plain text' },
  { mediaType: 'text/csv', extensions: ['csv'], label: 'CSV' },
  { mediaType: 'application/json', extensions: ['json'], label: 'JSON' },
  { mediaType: 'text/markdown', extensions: ['md'], label: 'Markdown' },
];

export const ACCEPTED_TYPES_TEXT = [...ACCEPTED_BINARY_TYPES, ...ACCEPTED_TEXT_TYPES].map((type) => `${type.label} (.${type.extensions.join(', .')})`).join('; ');

// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width and BOM characters: they make a
// name read differently from what it is ("invoice\u202Efdp.exe").
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * The display name kept for an upload: the last path segment only (both separators), without control, bidi-override
 * and zero-width characters, trimmed of dots and spaces at the ends, at most 255 characters with the extension kept.
 * Null when nothing is left. The name is metadata only: it never becomes a path or a storage key.
 */
export function sanitiseFileName(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const lastSegment = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = lastSegment.replace(INVISIBLE, '').replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return null;
  const chars = [...cleaned];
  if (chars.length <= FILE_NAME_MAX) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  return [...chars.slice(0, FILE_NAME_MAX - keep.length), ...keep].join('');
}

/** The lower-case extension of a name (`report.PDF` → `pdf`), or null. */
export function extensionOf(fileName: string): string | null {
  const match = /\.([A-Za-z0-9]{1,16})$/.exec(fileName);
  return match ? match[1].toLowerCase() : null;
}

/** What the bytes turned out to be, as read by the upload: file-type's answer, and the text checks when it had none. */
export interface ContentFindings {
  /** Media type `file-type` detected from the bytes, if any. */
  detected: string | null;
  /** The whole file is valid UTF-8 and holds no NUL byte. */
  utf8WithoutNul: boolean;
  /** The first bytes of the file (up to 1 KB), for the markup and script checks. */
  head: Buffer;
}

export type TypeDecision = { accepted: true; mediaType: string } | { accepted: false; reason: string };

// The WHATWG MIME sniffing standard's HTML patterns, XML and SVG roots, and a script's "#!" line: such text is refused,
// whatever its name, so a browser never renders an upload as a page.
const MARKUP = /^(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a[\s>]|<style|<title|<b[\s>]|<body|<br|<p[\s>]|<!--|<\?xml|<svg|<!doctype\s+svg)/i;

function looksLikeMarkup(head: Buffer): string | null {
  const text = head.toString('utf8').replace(/^\ufeff/, '').trimStart();
  if (text.startsWith('#!')) return 'a script';
  if (!MARKUP.test(text)) return null;
  if (/<svg[\s>]/i.test(text)) return 'SVG';
  return /^<\?xml/i.test(text) ? 'XML' : 'HTML';
}

/**
 * Decides an upload's type from its bytes and its name: the bytes must be one of the accepted types, and the name's
 * extension must be one of that type's (a PNG named `.pdf` is refused, as is an HTML page named `.pdf` or `.txt`).
 */
export function decideType(fileName: string, findings: ContentFindings): TypeDecision {
  const extension = extensionOf(fileName);
  const expected = (types: readonly AcceptedType[]) => types.find((type) => extension !== null && type.extensions.includes(extension));
  if (findings.detected) {
    const accepted = ACCEPTED_BINARY_TYPES.find((type) => type.mediaType === findings.detected);
    if (!accepted) return { accepted: false, reason: `the content is ${findings.detected}, which is not accepted; accepted are ${ACCEPTED_TYPES_TEXT}` };
    if (!extension || !accepted.extensions.includes(extension)) {
      return { accepted: false, reason: `the content is a ${accepted.label} but the file name "${fileName}" does not end in .${accepted.extensions.join(' or .')}` };
    }
    return { accepted: true, mediaType: accepted.mediaType };
  }
  if (!findings.utf8WithoutNul) return { accepted: false, reason: `the content is of no accepted type (binary data that is not UTF-8 text); accepted are ${ACCEPTED_TYPES_TEXT}` };
  const markup = looksLikeMarkup(findings.head);
  if (markup) return { accepted: false, reason: `the content is ${markup}, which is never accepted as evidence (upload a PDF or an image of it instead)` };
  const text = expected(ACCEPTED_TEXT_TYPES);
  if (!text) {
    const claimed = expected(ACCEPTED_BINARY_TYPES);
    return {
      accepted: false,
      reason: claimed
        ? `the file name "${fileName}" says ${claimed.label} but the content is plain text`
        : `the content is plain text, so the file name must end in .${ACCEPTED_TEXT_TYPES.flatMap((type) => type.extensions).join(', .')}`,
    };
  }
  return { accepted: true, mediaType: text.mediaType };
}

/** The Content-Type a download is served with: text types with their charset. */
export function servedContentType(mediaType: string): string {
  return ACCEPTED_TEXT_TYPES.some((type) => type.mediaType === mediaType) ? `${mediaType}; charset=utf-8` : mediaType;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the exact name as RFC 5987 `filename*` (RFC 6266),
 * so no browser renders the file inline and no name breaks the header.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'evidence';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
