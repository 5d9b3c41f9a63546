import { Readable } from 'node:stream';
import express, { NextFunction, Request, Response, Router } from 'express';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { CLAIMS_HEADER, signInternalToken } from '@iso27001/authz';

/*
 * Documents a service renders from its own data for evidence-service to store as generated evidence (the ISMS scope,
 * the SoA, the risk treatment plan, training records…). The owning service serves each one as a PDF on
 * `POST /internal/documents/<document>` (the internal router, behind the internal token) with its provenance in a
 * response header; evidence-service fetches it with `fetchGeneratedDocument`.
 *
 * The PDF's bytes depend on the data only (its dates are the data's "as of", never the time of rendering), so rendering
 * unchanged data gives the same SHA-256 and evidence-service records no new version for it. The time of generation is
 * in the provenance, beside the bytes.
 */

/** Response header carrying the document's provenance (base64url of its JSON). */
export const DOCUMENT_PROVENANCE_HEADER = 'x-document-provenance';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const documentRecordSchema = z.object({
  /** The kind of record (`isms_scope`, `soa_version`, `risk`…). */
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(128),
  /** Its version number, or the instant of its last change when it has no number. */
  version: z.union([z.number(), z.string()]).nullable(),
});

export const documentProvenanceSchema = z.object({
  document: z.string().regex(/^[a-z0-9-]{1,64}$/),
  title: z.string().min(1).max(200),
  sourceService: z.string().min(1).max(64),
  organisationId: z.string().regex(UUID),
  records: z.array(documentRecordSchema).max(5000),
  /** When the owning service rendered it. */
  generatedAt: z.string().datetime({ offset: true }),
  /** The latest change among the records it was rendered from. */
  dataAsOf: z.string().datetime({ offset: true }),
});

export type DocumentRecordRef = z.infer<typeof documentRecordSchema>;
export type DocumentProvenance = z.infer<typeof documentProvenanceSchema>;

/** A block of the document: a heading, then label/value pairs and/or lines of text. */
export interface DocumentSection {
  heading: string;
  fields?: [label: string, value: string | number | null | undefined][];
  lines?: string[];
}

/** What a renderer returns: the document's text and the records (with versions) it was made from. */
export interface DocumentContent {
  title: string;
  subtitle?: string;
  sections: DocumentSection[];
  records: DocumentRecordRef[];
  /** The latest change among those records (the "data as of" the document states). */
  dataAsOf: Date;
}

/** Renders one document of an organisation from the service's data, or null when there is nothing to render yet. */
export type DocumentRenderer = (organisationId: string) => Promise<DocumentContent | null>;

const MARGIN = 48;

/** The document as a PDF: title, provenance block (source, records and versions, data as of), then its sections. */
export function renderDocumentPdf(content: DocumentContent, provenance: Pick<DocumentProvenance, 'sourceService' | 'records' | 'dataAsOf' | 'document'>): Promise<Buffer> {
  const asOf = new Date(provenance.dataAsOf);
  // Fixed dates in the PDF's metadata (pdfkit derives the file id from them): unchanged data, identical bytes.
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: content.title, Creator: 'ISO 27001 compliance platform', CreationDate: asOf, ModDate: asOf } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(content.title);
  if (content.subtitle) doc.font('Helvetica').fontSize(9).text(content.subtitle);
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(9).text('Provenance');
  doc.font('Helvetica').fontSize(8);
  doc.text(`Source: ${provenance.sourceService} (document "${provenance.document}")`);
  doc.text(`Data as of: ${asOf.toISOString()}`);
  const shown = provenance.records.slice(0, 200);
  doc.text(`Records (${provenance.records.length}): ${shown.map((record) => `${record.type} ${record.id}${record.version !== null ? ` v${record.version}` : ''}`).join('; ')}${provenance.records.length > shown.length ? '; …' : ''}`);
  for (const section of content.sections) {
    if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(11).text(section.heading);
    doc.font('Helvetica').fontSize(9);
    for (const [label, value] of section.fields ?? []) {
      if (value === null || value === undefined || value === '') continue;
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(String(value));
    }
    if (section.lines?.length) doc.text(section.lines.join('\n'));
  }
  doc.end();
  return done;
}

/**
 * The internal router serving a service's documents: `POST /documents/:document` with `{ organisationId }` answers the
 * PDF (200) with its provenance header, 404 `NO_DATA` when the organisation has nothing to render yet, 404
 * `UNKNOWN_DOCUMENT` for a name the service does not serve, 400 for a bad organisation id.
 */
export function documentsRouter(sourceService: string, renderers: Record<string, DocumentRenderer>): Router {
  const router = express.Router();
  router.post('/documents/:document', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const document = String(req.params['document']);
      const renderer = Object.hasOwn(renderers, document) ? renderers[document] : undefined;
      if (!renderer) return void res.status(404).json({ code: 'UNKNOWN_DOCUMENT', message: `${sourceService} serves no document "${document}"; it serves ${Object.keys(renderers).join(', ')}` });
      const organisationId = (req.body as { organisationId?: unknown } | undefined)?.organisationId;
      if (typeof organisationId !== 'string' || !UUID.test(organisationId)) return void res.status(400).json({ code: 'ORGANISATION_INVALID', message: 'organisationId must be a UUID' });
      const content = await renderer(organisationId.toLowerCase());
      if (!content) return void res.status(404).json({ code: 'NO_DATA', message: `no data for "${document}" yet` });
      const provenance: DocumentProvenance = documentProvenanceSchema.parse({
        document,
        title: content.title,
        sourceService,
        organisationId: organisationId.toLowerCase(),
        records: content.records,
        generatedAt: new Date().toISOString(),
        dataAsOf: content.dataAsOf.toISOString(),
      });
      const pdf = await renderDocumentPdf(content, provenance);
      res.set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(pdf.length),
        [DOCUMENT_PROVENANCE_HEADER]: Buffer.from(JSON.stringify(provenance)).toString('base64url'),
      });
      res.end(pdf);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** The latest of some instants (a document's "data as of"); the epoch when there are none. */
export function latestOf(dates: (Date | string | null | undefined)[]): Date {
  let latest = 0;
  for (const date of dates) {
    if (!date) continue;
    const time = new Date(date).getTime();
    if (Number.isFinite(time) && time > latest) latest = time;
  }
  return new Date(latest);
}

/** A fetched document, or why there is none. */
export type FetchedDocument =
  | { outcome: 'ok'; body: Readable; provenance: DocumentProvenance }
  | { outcome: 'no-data' | 'unknown-document' | 'unreachable' | 'failed'; message: string };

/**
 * Fetches a document from the service that owns its data (`origin` like `http://127.0.0.1:4001`), signed with the
 * internal token. The PDF comes as a stream; its provenance is checked against the schema.
 */
export async function fetchGeneratedDocument(origin: string, secret: string, document: string, organisationId: string): Promise<FetchedDocument> {
  let response: globalThis.Response;
  try {
    response = await fetch(`${origin}/internal/documents/${encodeURIComponent(document)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signInternalToken(secret) },
      body: JSON.stringify({ organisationId }),
    });
  } catch {
    return { outcome: 'unreachable', message: `the service serving "${document}" did not answer` };
  }
  if (response.status !== 200 || !response.body) {
    const answer = (await response.json().catch(() => ({}))) as { code?: string };
    if (response.status === 404 && answer.code === 'NO_DATA') return { outcome: 'no-data', message: `there is no data for "${document}" yet` };
    if (response.status === 404 && answer.code === 'UNKNOWN_DOCUMENT') return { outcome: 'unknown-document', message: `no service serves "${document}"` };
    return { outcome: 'failed', message: `the service serving "${document}" answered ${response.status}` };
  }
  const header = response.headers.get(DOCUMENT_PROVENANCE_HEADER) ?? '';
  let provenance: DocumentProvenance;
  try {
    provenance = documentProvenanceSchema.parse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
  } catch {
    await response.body.cancel().catch(() => undefined);
    return { outcome: 'failed', message: `the document "${document}" came without a valid provenance` };
  }
  if (provenance.organisationId !== organisationId.toLowerCase() || provenance.document !== document) {
    await response.body.cancel().catch(() => undefined);
    return { outcome: 'failed', message: `the document "${document}" came with the provenance of another document` };
  }
  return { outcome: 'ok', body: Readable.fromWeb(response.body as never), provenance };
}
