import { createHash } from 'node:crypto';

/** A policy version number, `major.minor`. */
export interface VersionNumber {
  major: number;
  minor: number;
}

export type VersionBump = 'MAJOR' | 'MINOR';

export function formatVersion(version: VersionNumber): string {
  return `${version.major}.${version.minor}`;
}

export function compareVersions(a: VersionNumber, b: VersionNumber): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * The number of a new version given the existing ones: the first version is 1.0; a MAJOR bump starts the next major
 * (`2.3` → `3.0`), a MINOR bump follows the highest version (`2.3` → `2.4`). Numbers are never reused.
 */
export function nextVersion(existing: readonly VersionNumber[], bump: VersionBump): VersionNumber {
  const highest = [...existing].sort(compareVersions).at(-1);
  if (!highest) return { major: 1, minor: 0 };
  return bump === 'MAJOR' ? { major: highest.major + 1, minor: 0 } : { major: highest.major, minor: highest.minor + 1 };
}

/**
 * Whether publishing `next` changes the major number against the version published before it. The first publication
 * is major: nobody has acknowledged anything yet.
 */
export function isMajorChange(previouslyPublished: VersionNumber | null, next: VersionNumber): boolean {
  return previouslyPublished === null || next.major !== previouslyPublished.major;
}

/** The contributors of a version with `sub` added once (the order in which people first contributed is kept). */
export function withContributor(contributors: readonly string[], sub: string): string[] {
  return contributors.includes(sub) ? [...contributors] : [...contributors, sub];
}

/** The annual (or other) review date: the publication date plus the interval in months, clamped to the month's end. */
export function reviewDueOn(publishedAt: Date, intervalMonths: number): string {
  const year = publishedAt.getUTCFullYear();
  const month = publishedAt.getUTCMonth() + intervalMonths;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const due = new Date(Date.UTC(year, month, Math.min(publishedAt.getUTCDate(), lastDay)));
  return due.toISOString().slice(0, 10);
}

export interface Audience {
  everyone: boolean;
  unitIds: string[];
  jobRoles: string[];
}

export type AudienceProblem = 'AUDIENCE_REQUIRED' | 'AUDIENCE_AMBIGUOUS';

/**
 * A clean audience: unit ids without duplicates (sorted), job roles trimmed and de-duplicated ignoring case (first
 * spelling kept). Either everyone, or at least one unit or job role, never both.
 */
export function normaliseAudience(input: Audience): Audience | AudienceProblem {
  const unitIds = [...new Set(input.unitIds.map((id) => id.toLowerCase()))].sort();
  const seen = new Set<string>();
  const jobRoles: string[] = [];
  for (const role of input.jobRoles.map((r) => r.trim().replace(/\s+/g, ' ')).filter((r) => r.length > 0)) {
    if (!seen.has(role.toLowerCase())) {
      seen.add(role.toLowerCase());
      jobRoles.push(role);
    }
  }
  if (input.everyone && (unitIds.length > 0 || jobRoles.length > 0)) return 'AUDIENCE_AMBIGUOUS';
  if (!input.everyone && unitIds.length === 0 && jobRoles.length === 0) return 'AUDIENCE_REQUIRED';
  return { everyone: input.everyone, unitIds, jobRoles };
}

/** Content types a policy document may be uploaded as. */
export const POLICY_FILE_TYPES: readonly string[] = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'text/markdown',
  'text/plain',
  'text/html',
];

/** Request bodies are limited to 5 MB, and base64 adds a third: 3 MiB of document is the most that fits. */
export const POLICY_FILE_MAX_BYTES = 3 * 1024 * 1024;

export type DecodedFile = { bytes: Buffer; sha256: string } | { problem: 'FILE_INVALID' | 'FILE_TOO_LARGE'; message: string };

/** Strict base64 (no whitespace tricks, correct padding) decoded and hashed. */
export function decodeBase64File(base64: string, maxBytes: number = POLICY_FILE_MAX_BYTES): DecodedFile {
  const text = base64.replace(/\s+/g, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
    return { problem: 'FILE_INVALID', message: 'file content is not valid base64' };
  }
  const approximate = (text.length / 4) * 3;
  if (approximate - 2 > maxBytes) {
    return { problem: 'FILE_TOO_LARGE', message: `the file is larger than the ${maxBytes} bytes a policy document may have` };
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return { problem: 'FILE_INVALID', message: 'file content is not valid base64' };
  if (bytes.length === 0) return { problem: 'FILE_INVALID', message: 'the file is empty' };
  if (bytes.length > maxBytes) {
    return { problem: 'FILE_TOO_LARGE', message: `the file has ${bytes.length} bytes; a policy document may have at most ${maxBytes}` };
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The SHA-256 of what a version says, which acknowledgements record: the uploaded file's bytes, or the Markdown text
 * as UTF-8. Two versions with the same text have the same hash; any change to the text changes it.
 */
export function policyContentSha256(version: { fileSha256: string | null; body: string | null }): string {
  return version.fileSha256 ? version.fileSha256.toLowerCase() : createHash('sha256').update(version.body ?? '', 'utf8').digest('hex');
}
