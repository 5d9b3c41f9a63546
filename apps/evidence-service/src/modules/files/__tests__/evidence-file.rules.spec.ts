import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { inspectFile, UploadInspector } from '../evidence-file.inspection';
import { attachmentDisposition, ContentFindings, decideType, FILE_NAME_MAX, sanitiseFileName } from '../evidence-file.rules';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d0e2d6a50000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function findingsOf(bytes: Buffer): Promise<ContentFindings> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evidence-inspect-'));
  try {
    const file = path.join(dir, 'upload.part');
    const inspector = new UploadInspector();
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7)); // UTF-8 sequences cut across chunks
    await pipeline(Readable.from(chunks), inspector, new Writable({ write: (_c, _e, cb) => cb() }));
    await writeFile(file, bytes);
    return await inspectFile(file, inspector);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('evidence file names', () => {
  it('keeps only the last path segment, without control, bidi-override or zero-width characters', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\report.pdf')).toBe('report.pdf');
    expect(sanitiseFileName('inv\u0000oice.pdf')).toBe('invoice.pdf');
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('a\u200bb\r\n.txt')).toBe('ab.txt');
    expect(sanitiseFileName('  quarterly   review .pdf ')).toBe('quarterly review .pdf');
    expect(sanitiseFileName('..')).toBeNull();
    expect(sanitiseFileName('/')).toBeNull();
    expect(sanitiseFileName('\u202e')).toBeNull();
  });

  it('cuts a long name to 255 characters and keeps its extension', () => {
    const name = sanitiseFileName(`${'a'.repeat(500)}.pdf`) as string;
    expect([...name]).toHaveLength(FILE_NAME_MAX);
    expect(name.endsWith('a.pdf')).toBe(true);
    expect(sanitiseFileName('ü'.repeat(300))).toHaveLength(FILE_NAME_MAX);
  });

  it('names a download as an attachment with an ASCII fallback and the exact name (RFC 6266)', () => {
    expect(attachmentDisposition('Prüfbericht "Q3".pdf')).toBe(`attachment; filename="Prufbericht _Q3_.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%22Q3%22.pdf`);
    expect(attachmentDisposition('日本.txt')).toBe(`attachment; filename=".txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`);
  });
});

describe('evidence file types, from the bytes', () => {
  it('accepts a PNG named .png and a PDF named .pdf', async () => {
    expect(decideType('shot.PNG', await findingsOf(PNG))).toEqual({ accepted: true, mediaType: 'image/png' });
    expect(decideType('policy.pdf', await findingsOf(PDF))).toEqual({ accepted: true, mediaType: 'application/pdf' });
  });

  it('tells Office documents from the ZIP they are, and accepts a real PDF', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Access review').addRow(['user', 'decision']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(decideType('access-review.xlsx', await findingsOf(xlsx))).toEqual({ accepted: true, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(decideType('access-review.zip', await findingsOf(xlsx))).toEqual({ accepted: false, reason: expect.stringMatching(/Excel workbook but the file name "access-review.zip" does not end in .xlsx/) });
    const document = new PDFDocument();
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => document.on('end', resolve));
    document.text('Statement of Applicability').end();
    await ended;
    expect(decideType('soa.pdf', await findingsOf(Buffer.concat(chunks)))).toEqual({ accepted: true, mediaType: 'application/pdf' });
  });

  it('refuses a PNG named .pdf', async () => {
    const decision = decideType('report.pdf', await findingsOf(PNG));
    expect(decision).toEqual({ accepted: false, reason: expect.stringMatching(/PNG image but the file name "report.pdf" does not end in .png/) });
  });

  it('accepts UTF-8 text by its extension, and refuses text named as a binary type', async () => {
    const csv = await findingsOf(Buffer.from('user,last login\nälice,2026-11-30\n'));
    expect(decideType('logins.csv', csv)).toEqual({ accepted: true, mediaType: 'text/csv' });
    expect(decideType('notes.md', csv)).toEqual({ accepted: true, mediaType: 'text/markdown' });
    expect(decideType('logins.pdf', csv)).toEqual({ accepted: false, reason: expect.stringMatching(/says PDF but the content is plain text/) });
  });

  it('refuses HTML, SVG and scripts whatever their name', async () => {
    for (const [bytes, kind] of [
      ['<!DOCTYPE html><html><script>alert(1)</script></html>', 'HTML'],
      ['\ufeff  <html><body>hi</body></html>', 'HTML'],
      ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'application/xml'], // file-type names XML itself
      ['<svg onload="alert(1)"/>', 'SVG'],
      ['#!/bin/sh\nrm -rf /\n', 'a script'],
    ] as const) {
      for (const name of ['x.txt', 'x.pdf', 'x.html']) {
        const decision = decideType(name, await findingsOf(Buffer.from(bytes)));
        expect(decision.accepted).toBe(false);
        if (name === 'x.txt') expect(decision).toEqual({ accepted: false, reason: expect.stringContaining(`the content is ${kind}`) });
      }
    }
  });

  it('refuses binary that is neither an accepted type nor UTF-8 text, and text with a NUL byte', async () => {
    const elf = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), Buffer.alloc(64, 0xff)]);
    expect(decideType('tool.txt', await findingsOf(elf))).toEqual({ accepted: false, reason: expect.stringMatching(/not accepted|not UTF-8/) });
    expect((await findingsOf(Buffer.from('abc\u0000def'))).utf8WithoutNul).toBe(false);
    expect((await findingsOf(Buffer.from([0x61, 0xc3]))).utf8WithoutNul).toBe(false); // cut-off sequence at the end
    expect((await findingsOf(Buffer.from('€uro ✓'))).utf8WithoutNul).toBe(true);
  });
});
