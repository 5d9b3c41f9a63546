import { annexAControl } from '@iso27001/iso27001';
import { attributesText, controlAttributes, ControlAttributes } from '../../catalogue/control.attributes';
import { SoaSnapshotEntry } from '../soa-version.entity';

/** One implementation of a control in a unit, as exported. */
export interface ExportImplementation {
  unitId: string;
  ownerId: string | null;
  status: string;
  maturity: number;
  description: string;
  testProcedure: string | null;
  testFrequency: string | null;
  lastTestedOn: string | null;
}

/** One row of an exported SoA: the entry plus what the catalogue and the live implementation add. */
export interface SoaExportRow extends SoaSnapshotEntry {
  title: string;
  theme: string;
  attributes: ControlAttributes | null;
  attributesText: string;
  operatingStatus: string | null;
  implementations: ExportImplementation[];
}

/** What the document says about itself (the live SoA has no number and no approval). */
export interface SoaExportMeta {
  organisationId: string;
  /** null: the live, unpublished SoA. */
  versionNumber: number | null;
  note: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  scopeId: string | null;
  scopeVersion: number | null;
  generatedAt: Date;
}

export interface SoaExportDocument {
  meta: SoaExportMeta;
  rows: SoaExportRow[];
}

export function toExportRows(
  entries: readonly SoaSnapshotEntry[],
  implementations: ReadonlyMap<string, readonly ExportImplementation[]>,
  operatingStatuses: ReadonlyMap<string, string>,
): SoaExportRow[] {
  return entries.map((entry) => {
    const control = annexAControl(entry.controlId);
    if (!control) throw new Error(`${entry.controlId} is not an Annex A control`);
    return {
      ...entry,
      title: control.title,
      theme: control.theme,
      attributes: controlAttributes(entry.controlId),
      attributesText: attributesText(entry.controlId),
      operatingStatus: operatingStatuses.get(entry.controlId) ?? null,
      implementations: [...(implementations.get(entry.controlId) ?? [])],
    };
  });
}

/** File name stem: `soa-v3` or `soa-live-2026-11-28`. */
export function exportStem(meta: SoaExportMeta): string {
  return meta.versionNumber !== null ? `soa-v${meta.versionNumber}` : `soa-live-${meta.generatedAt.toISOString().slice(0, 10)}`;
}

export const EXPORT_COLUMNS = [
  'Control',
  'Title',
  'Theme',
  'Applicable',
  'Reasons for inclusion',
  'Justification',
  'Implementation status',
  'Operating status',
  'Owners',
  'Linked risks',
  'Policies',
  'Evidence',
  'Implemented in units',
  'Attributes',
] as const;

/** The cells of one row, in `EXPORT_COLUMNS` order (lists joined with "; "). */
export function rowCells(row: SoaExportRow): string[] {
  return [
    row.controlId,
    row.title,
    row.theme,
    row.applicable ? 'Yes' : 'No',
    row.reasons.join('; '),
    row.justification ?? '',
    row.implementationStatus,
    row.operatingStatus ?? '',
    row.ownerIds.join('; '),
    row.riskIds.join('; '),
    row.policyIds.join('; '),
    row.evidenceIds.join('; '),
    String(row.implementations.length),
    row.attributesText,
  ];
}
