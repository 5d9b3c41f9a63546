import { EntityManager, In } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { Envelope, EventData, SoaVersionPublished } from '@iso27001/contracts';
import { ANNEX_A, annexAControl } from '@iso27001/iso27001';
import { PersonReplicaService, UnitReplicaService } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { CertificationCycleEntity } from '../certification/certification.entity';
import { shiftDate } from '../certification/certification.rules';
import { todayUtc } from '../corrective-actions/corrective-action.mapper';
import { EngagementEntity } from '../engagements/engagement.entity';
import { engagementErrors } from '../engagements/engagement.errors';
import { PlanEngagementInput, ProgrammeArgs } from './programme.input';
import { Coverage, invalidCriteria, programmeCoverage } from './programme.rules';

export interface Programme extends Coverage {
  from: string;
  to: string;
  soaVersion: number | null;
}

/**
 * The internal audit programme (clause 9.2): what each engagement audits and by whom, checked for independence, and
 * whether the internal audits of the certification cycle cover every requirement of clauses 4 to 10 and every
 * control the published Statement of Applicability makes applicable.
 */
export class ProgrammeService {
  private readonly people: PersonReplicaService;
  private readonly units: UnitReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
    this.units = new UnitReplicaService(deps);
  }

  /** controls.soa.published: the applicable controls of the latest published SoA (an older version arriving late changes nothing). */
  async applySoaPublished(manager: EntityManager, event: Envelope<EventData<typeof SoaVersionPublished>>): Promise<void> {
    const { data, organisationId } = event;
    const [current] = await manager.query('SELECT soa_version FROM soa_publication_replica WHERE organisation_id = $1 FOR UPDATE', [organisationId]);
    if (current && current.soa_version >= data.number) return;
    await manager.query(
      `INSERT INTO soa_publication_replica (organisation_id, soa_version, published_at) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE SET soa_version = EXCLUDED.soa_version, published_at = EXCLUDED.published_at`,
      [organisationId, data.number, data.approvedAt],
    );
    await manager.query('DELETE FROM soa_applicability_replica WHERE organisation_id = $1', [organisationId]);
    await manager.query(
      'INSERT INTO soa_applicability_replica (organisation_id, control_id, soa_version, published_at) SELECT $1, unnest($2::text[]), $3, $4',
      [organisationId, [...new Set(data.applicableControlIds)], data.number, data.approvedAt],
    );
  }

  /**
   * What an engagement audits and who audits it. Criteria must be clauses and controls of the standard, units and
   * people known; nobody audits their own unit: an auditor whose unit is one of the audited units (or below one) is
   * refused (INDEPENDENCE_CONFLICT), nothing written.
   */
  async plan(organisationId: string, input: PlanEngagementInput): Promise<EngagementEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const engagement = await manager
        .getRepository(EngagementEntity)
        .createQueryBuilder('e')
        .setLock('pessimistic_write')
        .where('e.id = :id AND e.organisation_id = :organisationId', { id: input.id, organisationId })
        .getOne();
      if (!engagement) throw engagementErrors.raise('ENGAGEMENT_NOT_FOUND', `engagement ${input.id} does not exist`);
      if (engagement.status === 'CLOSED') throw engagementErrors.raise('ENGAGEMENT_STATUS_INVALID', `"${engagement.title}" is closed: its plan is final`);
      const clauses = [...new Set(input.clauses.map((clause) => clause.trim()))];
      const controlIds = [...new Set(input.controlIds.map((id) => id.trim().toUpperCase()))];
      const invalid = invalidCriteria(clauses, controlIds);
      if (invalid.length > 0) throw engagementErrors.raise('AUDIT_CRITERIA_INVALID', `not criteria of ISO/IEC 27001:2022: ${invalid.join(', ')}`);
      const unitIds = [...new Set(input.unitIds)];
      const known = await this.units.byIds(manager, organisationId, unitIds);
      const missingUnits = unitIds.filter((id) => !known.has(id));
      if (missingUnits.length > 0) throw engagementErrors.raise('AUDIT_UNIT_UNKNOWN', `unknown units: ${missingUnits.join(', ')} (units reach audit from isms-service: try again shortly)`);
      const auditors = [...new Set([...(input.leadAuditorPersonId ? [input.leadAuditorPersonId] : []), ...input.teamPersonIds])];
      const people = await this.people.byIds(manager, organisationId, auditors);
      const unknown = auditors.filter((id) => !people.get(id)?.active);
      if (unknown.length > 0) throw engagementErrors.raise('AUDITOR_UNKNOWN', `not active people of the organisation: ${unknown.join(', ')}`);
      const audited = unitIds.length ? await this.units.subtreeIds(manager, organisationId, unitIds) : [];
      const conflicts = auditors.map((id) => people.get(id)!).filter((person) => person.unitId !== null && audited.includes(person.unitId));
      if (conflicts.length > 0) {
        throw engagementErrors.raise('INDEPENDENCE_CONFLICT', `nobody audits their own unit: ${conflicts.map((person) => person.name).join(', ')} work${conflicts.length === 1 ? 's' : ''} in a unit this audit covers`);
      }
      engagement.unitIds = unitIds;
      engagement.clauses = clauses;
      engagement.controlIds = controlIds;
      engagement.leadAuditorPersonId = input.leadAuditorPersonId ?? null;
      engagement.teamPersonIds = [...new Set(input.teamPersonIds)];
      if (input.leadAuditorPersonId) engagement.leadAuditor = people.get(input.leadAuditorPersonId)!.name;
      return manager.save(engagement);
    });
  }

  /**
   * Coverage of the internal audits planned in a period: by default the certified cycle's three years, or three
   * years from today when nothing is certified yet.
   */
  async coverage(claims: Claims, args: ProgrammeArgs): Promise<Programme> {
    const { organisationId } = claims;
    const [certified] = await this.deps.dataSource.getRepository(CertificationCycleEntity).find({ where: { organisationId, status: 'CERTIFIED' }, order: { issuedOn: 'DESC' }, take: 1 });
    const from = args.from ?? certified?.issuedOn ?? todayUtc();
    const to = args.to ?? certified?.expiresOn ?? shiftDate(from, { years: 3, days: -1 });
    if (to < from) throw engagementErrors.raise('ENGAGEMENT_DATES_INVALID', `to (${to}) is before from (${from})`);
    const audits = await this.deps.dataSource
      .getRepository(EngagementEntity)
      .createQueryBuilder('e')
      .where("e.organisation_id = :organisationId AND e.type = 'INTERNAL' AND e.starts_on BETWEEN :from AND :to", { organisationId, from, to })
      .orderBy('e.starts_on')
      .getMany();
    const [soa] = await this.deps.dataSource.query('SELECT soa_version FROM soa_publication_replica WHERE organisation_id = $1', [organisationId]);
    const applicable: string[] = soa
      ? (await this.deps.dataSource.query('SELECT control_id FROM soa_applicability_replica WHERE organisation_id = $1', [organisationId])).map((row: { control_id: string }) => row.control_id)
      : ANNEX_A.map((control) => control.id);
    return { from, to, soaVersion: soa ? Number(soa.soa_version) : null, ...programmeCoverage(audits, applicable) };
  }

  titleOf(controlId: string): string {
    return annexAControl(controlId)?.title ?? controlId;
  }

  engagementsByIds(organisationId: string, ids: string[]): Promise<EngagementEntity[]> {
    return ids.length ? this.deps.dataSource.getRepository(EngagementEntity).findBy({ organisationId, id: In(ids) }) : Promise.resolve([]);
  }
}
