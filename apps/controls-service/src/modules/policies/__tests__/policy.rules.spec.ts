import { createHash } from 'node:crypto';
import { decodeBase64File, isMajorChange, nextVersion, normaliseAudience, reviewDueOn } from '../policy.rules';

describe('policy version rules', () => {
  it('numbers the first version 1.0 and bumps from the highest version, never reusing a number', () => {
    expect(nextVersion([], 'MINOR')).toEqual({ major: 1, minor: 0 });
    expect(nextVersion([], 'MAJOR')).toEqual({ major: 1, minor: 0 });
    const existing = [{ major: 1, minor: 0 }, { major: 2, minor: 3 }, { major: 1, minor: 4 }];
    expect(nextVersion(existing, 'MINOR')).toEqual({ major: 2, minor: 4 });
    expect(nextVersion(existing, 'MAJOR')).toEqual({ major: 3, minor: 0 });
  });

  it('calls a publication major on the first publication and when the major number changes', () => {
    expect(isMajorChange(null, { major: 1, minor: 0 })).toBe(true);
    expect(isMajorChange({ major: 1, minor: 0 }, { major: 1, minor: 1 })).toBe(false);
    expect(isMajorChange({ major: 1, minor: 4 }, { major: 2, minor: 0 })).toBe(true);
  });

  it('sets the review date a number of months after publication, clamped to the end of a shorter month', () => {
    expect(reviewDueOn(new Date('2025-03-15T10:00:00Z'), 12)).toBe('2026-03-15');
    expect(reviewDueOn(new Date('2024-02-29T10:00:00Z'), 12)).toBe('2025-02-28');
    expect(reviewDueOn(new Date('2025-08-31T23:00:00Z'), 6)).toBe('2026-02-28');
  });
});

describe('policy audience', () => {
  it('is everyone, or units and job roles without duplicates; never both, never nobody', () => {
    expect(normaliseAudience({ everyone: true, unitIds: [], jobRoles: [' '] })).toEqual({ everyone: true, unitIds: [], jobRoles: [] });
    expect(normaliseAudience({ everyone: false, unitIds: ['B0000000-0000-4000-8000-000000000000', 'b0000000-0000-4000-8000-000000000000'], jobRoles: [' Developer ', 'developer', 'HR  Partner'] })).toEqual({
      everyone: false,
      unitIds: ['b0000000-0000-4000-8000-000000000000'],
      jobRoles: ['Developer', 'HR Partner'],
    });
    expect(normaliseAudience({ everyone: false, unitIds: [], jobRoles: ['  '] })).toBe('AUDIENCE_REQUIRED');
    expect(normaliseAudience({ everyone: true, unitIds: [], jobRoles: ['Developer'] })).toBe('AUDIENCE_AMBIGUOUS');
  });
});

describe('uploaded policy files', () => {
  it('decodes strict base64 and hashes the bytes', () => {
    const bytes = Buffer.from('%PDF-1.7 information security policy');
    const decoded = decodeBase64File(bytes.toString('base64'));
    expect(decoded).toEqual({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('refuses what is not base64, empty, or over the limit', () => {
    expect(decodeBase64File('not base64!')).toMatchObject({ problem: 'FILE_INVALID' });
    expect(decodeBase64File('')).toMatchObject({ problem: 'FILE_INVALID' });
    expect(decodeBase64File('QUJD=')).toMatchObject({ problem: 'FILE_INVALID' });
    expect(decodeBase64File(Buffer.alloc(11).toString('base64'), 10)).toMatchObject({ problem: 'FILE_TOO_LARGE' });
    expect(decodeBase64File(Buffer.alloc(10).toString('base64'), 10)).toMatchObject({ bytes: Buffer.alloc(10) });
  });
});
