import { Access } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { ControlImplementationEntity } from '../../implementation/control-implementation.entity';
import { withinReach } from '../../implementation/control-implementation.scope';
import { OperatingStatusEntity } from '../../implementation/operating-status.entity';
import { SoaVersionService } from '../soa-version.service';
import { buildSoaCsv } from './soa-export.csv';
import { buildOscalCatalog, buildOscalComponentDefinition, buildOscalProfile } from './soa-export.oscal';
import { buildSoaPdf } from './soa-export.pdf';
import { ExportImplementation, exportStem, SoaExportDocument, toExportRows } from './soa-export.rows';
import { buildSoaXlsx } from './soa-export.xlsx';

export const SOA_EXPORT_FORMATS = ['XLSX', 'PDF', 'CSV', 'OSCAL_PROFILE', 'OSCAL_COMPONENT_DEFINITION', 'OSCAL_CATALOG'] as const;
export type SoaExportFormat = (typeof SOA_EXPORT_FORMATS)[number];

export interface SoaExportFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Exports a published version (or the live SoA) with the current implementations and operating statuses. */
export class SoaExportService {
  private readonly versions: SoaVersionService;

  constructor(private readonly deps: ServiceDeps) {
    this.versions = new SoaVersionService(deps);
  }

  /**
   * Everything an export shows, read with a fixed number of set-based queries whatever the number of units; the
   * implementations only within the caller's reach (the SoA rows themselves are organisation data).
   */
  async document(organisationId: string, versionNumber: number | null, access: Access): Promise<SoaExportDocument> {
    const generatedAt = new Date();
    let meta: SoaExportDocument['meta'];
    let entries;
    if (versionNumber !== null) {
      const version = await this.versions.get(organisationId, versionNumber);
      entries = version.entries;
      meta = {
        organisationId,
        versionNumber: version.number,
        note: version.note,
        approvedBy: version.approvedByName ? `${version.approvedByName} (${version.approvedBy})` : version.approvedBy,
        approvedAt: version.approvedAt,
        scopeId: version.scopeId,
        scopeVersion: version.scopeVersion,
        generatedAt,
      };
    } else {
      entries = await this.versions.liveSnapshot(organisationId);
      const scope = await this.versions.scope(organisationId);
      meta = { organisationId, versionNumber: null, note: null, approvedBy: null, approvedAt: null, scopeId: scope?.scopeId ?? null, scopeVersion: scope?.version ?? null, generatedAt };
    }
    // One plain query (no entity hydration): thousands of rows for 93 controls × tens of units.
    const implementationQuery = this.deps.dataSource
      .getRepository(ControlImplementationEntity)
      .createQueryBuilder('i')
      .select([
        'i.control_id AS "controlId"',
        'i.unit_id AS "unitId"',
        'i.owner_id AS "ownerId"',
        'i.status AS status',
        'i.maturity AS maturity',
        'i.description AS description',
        'i.test_procedure AS "testProcedure"',
        'i.test_frequency AS "testFrequency"',
        'i.last_tested_on::text AS "lastTestedOn"',
      ])
      .where('i.organisation_id = :organisationId', { organisationId });
    const implementations: (ExportImplementation & { controlId: string })[] = await withinReach(implementationQuery, 'i', access)
      .orderBy('i.control_id')
      .addOrderBy('i.unit_id')
      .getRawMany();
    const byControl = new Map<string, ExportImplementation[]>();
    for (const { controlId, ...implementation } of implementations) {
      const list = byControl.get(controlId);
      if (list) list.push(implementation);
      else byControl.set(controlId, [implementation]);
    }
    const statuses = await this.deps.dataSource.getRepository(OperatingStatusEntity).findBy({ organisationId });
    const statusByControl = new Map(statuses.filter((row) => row.reason !== '').map((row) => [row.controlId, row.status as string]));
    return { meta, rows: toExportRows(entries, byControl, statusByControl) };
  }

  async export(organisationId: string, format: SoaExportFormat, versionNumber: number | null, access: Access): Promise<SoaExportFile> {
    if (format === 'OSCAL_CATALOG') {
      return { filename: 'iso27001-2022-annex-a.oscal-catalog.json', contentType: 'application/oscal.catalog+json', content: json(buildOscalCatalog()) };
    }
    const document = await this.document(organisationId, versionNumber, access);
    return render(document, format);
  }
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** One document in one format. */
export async function render(document: SoaExportDocument, format: Exclude<SoaExportFormat, 'OSCAL_CATALOG'>): Promise<SoaExportFile> {
  const stem = exportStem(document.meta);
  switch (format) {
    case 'XLSX':
      return { filename: `${stem}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await buildSoaXlsx(document) };
    case 'PDF':
      return { filename: `${stem}.pdf`, contentType: 'application/pdf', content: await buildSoaPdf(document) };
    case 'CSV':
      return { filename: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', content: buildSoaCsv(document) };
    case 'OSCAL_PROFILE':
      return { filename: `${stem}.oscal-profile.json`, contentType: 'application/oscal.profile+json', content: json(buildOscalProfile(document)) };
    case 'OSCAL_COMPONENT_DEFINITION':
      return { filename: `${stem}.oscal-component-definition.json`, contentType: 'application/oscal.component-definition+json', content: json(buildOscalComponentDefinition(document)) };
  }
}
