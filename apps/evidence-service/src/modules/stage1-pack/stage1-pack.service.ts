import { EventContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceItemEntity } from '../evidence/evidence-item.entity';
import { EvidenceMappings } from '../evidence/evidence-item.mapper';
import { dayOf } from '../evidence/evidence-item.rules';
import { withinReach } from '../evidence/evidence-item.scope';
import { Caller, EvidenceItemService } from '../evidence/evidence-item.service';
import { EvidenceVersionEntity } from '../evidence/evidence-version.entity';
import { GeneratedDocumentService, GenerationResult } from '../documents/generated-document.service';
import { GENERATED_DOCUMENTS } from '../documents/generated-document.rules';
import { ScopeReplicaEntity } from './scope-replica.entity';
import { stage1PackErrors } from './stage1-pack.errors';
import { ALL_CONTROL_IDS, checklist, ChecklistEntry, PackEvidence } from './stage1-pack.rules';
import { assertMayReadPack } from './stage1-pack.scope';

export interface Stage1Pack {
  scope: ScopeReplicaEntity;
  /** The units whose evidence the pack holds: the scope's units with their sub-units, and the root unit. */
  unitIds: string[];
  entries: ChecklistEntry[];
  items: Map<string, EvidenceItemEntity>;
  mappings: Map<string, EvidenceMappings>;
  /** Whether the applicable controls came from the SoA (false: no applicability known yet, all 93 count). */
  applicabilityKnown: boolean;
  asOf: string;
}

/** The evidence of a pack with its current version, for the export. */
export interface PackFileEntry {
  artefactId: string;
  item: EvidenceItemEntity;
  version: EvidenceVersionEntity;
}

export class Stage1PackService {
  private readonly items: EvidenceItemService;

  constructor(private readonly deps: ServiceDeps<EvidenceConfig>) {
    this.items = new EvidenceItemService(deps);
  }

  /** The approved scope version (the current one when no id is given), if the caller may read its pack. */
  async scopeVersion(caller: Caller, scopeVersionId: string | null | undefined): Promise<ScopeReplicaEntity> {
    const repository = this.deps.dataSource.getRepository(ScopeReplicaEntity);
    const organisationId = caller.claims.organisationId;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (scopeVersionId && !uuid.test(scopeVersionId)) throw stage1PackErrors.raise('STAGE1_SCOPE_NOT_FOUND', 'scopeVersionId must be the UUID of an approved ISMS scope version');
    const scope = scopeVersionId
      ? await repository.findOneBy({ organisationId, scopeId: scopeVersionId.toLowerCase() })
      : await repository.findOne({ where: { organisationId, superseded: false }, order: { approvedAt: 'DESC' } });
    if (!scope) {
      throw stage1PackErrors.raise('STAGE1_SCOPE_NOT_FOUND', scopeVersionId ? `no approved ISMS scope version ${scopeVersionId}` : 'no ISMS scope has been approved yet: the Stage 1 pack is built for an approved scope');
    }
    assertMayReadPack(caller.claims, caller.access, scope.inScopeUnitIds);
    return scope;
  }

  async pack(caller: Caller, scopeVersionId: string | null | undefined, today = dayOf(new Date())): Promise<Stage1Pack> {
    const scope = await this.scopeVersion(caller, scopeVersionId);
    const organisationId = caller.claims.organisationId;
    const unitIds = await this.packUnits(organisationId, scope.inScopeUnitIds);
    const query = this.deps.dataSource
      .getRepository(EvidenceItemEntity)
      .createQueryBuilder('e')
      .where('e.organisation_id = :organisationId', { organisationId })
      .andWhere('e.unit_id = ANY(:packUnitIds::uuid[])', { packUnitIds: unitIds });
    const rows = await withinReach(query, 'e', caller.claims, caller.access).orderBy('e.title').addOrderBy('e.id').getMany();
    const mappings = await this.items.mappingsOf(organisationId, rows.map((row) => row.id));
    const evidence: PackEvidence[] = rows.map((row) => {
      const mapped = mappings.get(row.id);
      return { id: row.id, status: row.status, validUntil: row.validUntil, refs: [...(mapped?.controlIds ?? []), ...(mapped?.clauses ?? [])] };
    });
    const { controlIds, known } = await this.applicableControls(organisationId);
    return { scope, unitIds, entries: checklist(evidence, controlIds, today), items: new Map(rows.map((row) => [row.id, row])), mappings, applicabilityKnown: known, asOf: today };
  }

  /** Generates every document the platform holds data for, for the caller's organisation. */
  generate(caller: Caller, context: EventContext): Promise<GenerationResult[]> {
    return new GeneratedDocumentService(this.deps).generateAll({ sub: caller.claims.sub, organisationId: caller.claims.organisationId }, context, GENERATED_DOCUMENTS);
  }

  /** The accepted artefacts' current versions, one entry per artefact and item (an item serving two artefacts is in both). */
  async exportEntries(pack: Stage1Pack, today = pack.asOf): Promise<PackFileEntry[]> {
    const wanted: { artefactId: string; item: EvidenceItemEntity }[] = [];
    for (const entry of pack.entries) {
      if (entry.status !== 'ACCEPTED') continue;
      for (const evidence of entry.evidence) {
        const item = pack.items.get(evidence.id);
        if (item && item.status === 'APPROVED' && (item.validUntil === null || item.validUntil >= today)) wanted.push({ artefactId: entry.artefact.id, item });
      }
    }
    if (wanted.length === 0) return [];
    const versions = await this.deps.dataSource
      .getRepository(EvidenceVersionEntity)
      .createQueryBuilder('v')
      .where('v.organisation_id = :organisationId', { organisationId: pack.scope.organisationId })
      .andWhere('(v.evidence_id, v.number) IN (SELECT e.id, e.current_version FROM evidence_item e WHERE e.id = ANY(:ids::uuid[]))', { ids: [...new Set(wanted.map((entry) => entry.item.id))] })
      .getMany();
    const byItem = new Map(versions.map((version) => [version.evidenceId, version]));
    return wanted.flatMap((entry) => {
      const version = byItem.get(entry.item.id);
      return version ? [{ ...entry, version }] : [];
    });
  }

  /** The scope's units with all their sub-units, and the organisation's root unit(s) (where generated documents are). */
  private async packUnits(organisationId: string, scopeUnitIds: readonly string[]): Promise<string[]> {
    const rows: { unit_id: string }[] = await this.deps.dataSource.query(
      `WITH RECURSIVE tree AS (
         SELECT unit_id FROM unit_replica WHERE organisation_id = $1 AND unit_id = ANY($2::uuid[])
         UNION
         SELECT u.unit_id FROM unit_replica u JOIN tree t ON u.parent_id = t.unit_id WHERE u.organisation_id = $1
       )
       SELECT unit_id FROM tree
       UNION SELECT unit_id FROM unit_replica WHERE organisation_id = $1 AND parent_id IS NULL AND active`,
      [organisationId, scopeUnitIds],
    );
    return [...new Set([...scopeUnitIds.map((id) => id.toLowerCase()), ...rows.map((row) => row.unit_id)])];
  }

  /**
   * The controls applicable in the SoA, from the SoA applicability this service replicates for evidence requests; all
   * 93 when none is known yet (so EV-17 cannot read ACCEPTED for want of an SoA).
   */
  private async applicableControls(organisationId: string): Promise<{ controlIds: readonly string[]; known: boolean }> {
    const [{ present }] = (await this.deps.dataSource.query(`SELECT to_regclass('soa_applicability_replica') IS NOT NULL AS present`)) as { present: boolean }[];
    if (!present) return { controlIds: ALL_CONTROL_IDS, known: false };
    const rows = (await this.deps.dataSource.query('SELECT control_id, applicable FROM soa_applicability_replica WHERE organisation_id = $1', [organisationId])) as {
      control_id: string;
      applicable: boolean;
    }[];
    if (rows.length === 0) return { controlIds: ALL_CONTROL_IDS, known: false };
    return { controlIds: rows.filter((row) => row.applicable).map((row) => row.control_id).sort(), known: true };
  }
}
