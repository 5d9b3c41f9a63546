import { z } from 'zod';
import { defineCollector, EvidenceCollector } from '@iso27001/collector-kit';

const configSchema = z.object({}).strict();

/**
 * Platform documents on a schedule: the service that owns the data renders the PDF (controls-service the Statement of
 * Applicability, training-service the policy acknowledgement report) and the documents facility stores it as
 * GENERATED evidence with its provenance, mapped to the document's clauses and controls. Identical bytes record
 * nothing new (the document's data has not changed).
 */
function documentCollector(id: string, document: string, title: string, controls: string[], clauses: string[]): EvidenceCollector {
  return defineCollector({
    id,
    title,
    description: `Generates "${title}" from the platform's own data as a dated PDF.`,
    version: '1.0.0',
    defaultSchedule: '0 5 * * 1',
    configSchema,
    controls,
    clauses,
    collect: async () => [{ document }],
  }) as EvidenceCollector;
}

export const soaReportCollector = documentCollector('documents.statement-of-applicability', 'statement-of-applicability', 'Statement of Applicability report', [], ['6.1.3']);
export const acknowledgementReportCollector = documentCollector('documents.policy-acknowledgements', 'policy-acknowledgements', 'Policy acknowledgement report', ['A.5.1'], ['7.3']);
