import { contentFields, dueInDays } from '../course.rules';

describe('contentFields', () => {
  it('keeps exactly the field of the kind', () => {
    expect(contentFields({ kind: 'MARKDOWN', markdown: ' # Hello ' })).toEqual({ contentKind: 'MARKDOWN', contentMarkdown: '# Hello', contentFileId: null, contentUrl: null });
    expect(contentFields({ kind: 'LINK', url: 'https://learn.example.test/a' })).toMatchObject({ contentUrl: 'https://learn.example.test/a' });
  });

  it('names what is wrong', () => {
    expect(contentFields({ kind: 'LINK', url: 'http://learn.example.test' })).toBe('content url must use https (got http)');
    expect(contentFields({ kind: 'LINK', url: 'not a url' })).toBe('content url "not a url" is not a valid URL');
    expect(contentFields({ kind: 'LINK', url: 'https://u:p@example.test' })).toBe('content url must not carry a user name or password');
    expect(contentFields({ kind: 'EVIDENCE_FILE', markdown: 'x' })).toBe('content of kind EVIDENCE_FILE needs fileId');
    expect(contentFields({ kind: 'MARKDOWN', markdown: 'x', url: 'https://a.test' })).toBe('content of kind MARKDOWN takes only markdown (also given: url)');
  });
});

describe('dueInDays', () => {
  it('counts days from the UTC day, across month ends', () => {
    expect(dueInDays(14, new Date('2030-01-25T23:30:00Z'))).toBe('2030-02-08');
    expect(dueInDays(1, new Date('2030-12-31T00:00:00Z'))).toBe('2031-01-01');
  });
});
