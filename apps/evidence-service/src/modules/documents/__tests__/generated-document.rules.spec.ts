import { createHash } from 'node:crypto';
import { evidenceArtefact } from '@iso27001/iso27001';
import { DocumentContent, renderDocumentPdf } from '@iso27001/platform';
import { documentsForArtefact, GENERATED_DOCUMENTS, generatedDocumentSpec, looksLikePdf, validUntilOf } from '../generated-document.rules';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('generated documents', () => {
  it('each document that is a Stage 1 artefact is mapped to clauses or controls that artefact serves', () => {
    for (const spec of GENERATED_DOCUMENTS.filter((entry) => entry.artefact)) {
      const artefact = evidenceArtefact(spec.artefact as string);
      expect(artefact).toBeDefined();
      const served = [...spec.clauses, ...spec.controlIds].filter((ref) => artefact?.serves.includes(ref));
      expect({ document: spec.document, served: served.length > 0 }).toEqual({ document: spec.document, served: true });
    }
  });

  it('generates EV-01 to EV-11, the audit programme results, the management review and the nonconformity records, and leaves the audit process and control activity manual', () => {
    const generated = ['EV-01', 'EV-02', 'EV-03', 'EV-04', 'EV-05', 'EV-06', 'EV-07', 'EV-08', 'EV-09', 'EV-10', 'EV-11', 'EV-13', 'EV-14', 'EV-15', 'EV-16'];
    for (const id of generated) expect(documentsForArtefact(id).length).toBeGreaterThan(0);
    for (const id of ['EV-12', 'EV-17']) expect(documentsForArtefact(id)).toEqual([]);
    expect(documentsForArtefact('EV-15').map((spec) => spec.source)).toEqual(['audit']);
    expect(generatedDocumentSpec('no-such-document')).toBeUndefined();
  });

  it('a document is valid for a year and recognised as a PDF by its first bytes', () => {
    expect(validUntilOf('2026-03-01')).toBe('2027-03-01');
    expect(looksLikePdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(Buffer.from('<html>'))).toBe(false);
  });

  it('renders the same data to the same bytes, and changed data to other bytes', async () => {
    const content: DocumentContent = {
      title: 'ISMS scope',
      sections: [{ heading: 'Statement', lines: ['All of the payments business'] }],
      records: [{ type: 'isms_scope', id: 'a', version: 2 }],
      dataAsOf: new Date('2026-11-30T10:00:00Z'),
    };
    const provenance = { document: 'isms-scope', sourceService: 'isms-service', records: content.records, dataAsOf: content.dataAsOf.toISOString() };
    const first = await renderDocumentPdf(content, provenance);
    const again = await renderDocumentPdf(content, provenance);
    const changed = await renderDocumentPdf({ ...content, sections: [{ heading: 'Statement', lines: ['All of the payments and cards business'] }] }, provenance);
    expect(looksLikePdf(first)).toBe(true);
    expect(sha(again)).toBe(sha(first));
    expect(sha(changed)).not.toBe(sha(first));
  });
});
