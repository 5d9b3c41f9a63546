import { isUUID } from 'class-validator';
import { EntityManager, In, QueryFailedError } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { Envelope, EventData, NotificationRequested, ScopeApproved } from '@iso27001/contracts';
import { PersonReplicaService } from '@iso27001/org-replica';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { CorrectiveActionEntity } from '../corrective-actions/corrective-action.entity';
import { todayUtc } from '../corrective-actions/corrective-action.mapper';
import { EngagementEntity, EngagementKind } from '../engagements/engagement.entity';
import { assertEngagementInScope, engagementScope } from '../engagements/engagement.scope';
import { FindingEntity } from '../findings/finding.entity';
import { ApprovedScopeReplicaEntity, CertificationCycleEntity } from './certification.entity';
import { certificationErrors } from './certification.errors';
import { CalendarArgs, CreateCertificationCycleInput, LinkCycleEngagementInput, RecommendCertificationInput, RecordCertificateInput } from './certification.input';
import { certificateExpiry, CycleDateKind, cycleDates, daysBetween, recommendationBlockers, reminderDue } from './certification.rules';

const UNIQUE_VIOLATION = '23505';

/** The stage a cycle links, the engagement type it needs and the column it fills. */
const STAGES = {
  STAGE_1: { type: 'STAGE_1', column: 'stage1EngagementId', sql: 'stage1_engagement_id' },
  STAGE_2: { type: 'STAGE_2', column: 'stage2EngagementId', sql: 'stage2_engagement_id' },
  SURVEILLANCE_1: { type: 'SURVEILLANCE', column: 'surveillance1EngagementId', sql: 'surveillance1_engagement_id' },
  SURVEILLANCE_2: { type: 'SURVEILLANCE', column: 'surveillance2EngagementId', sql: 'surveillance2_engagement_id' },
  RECERTIFICATION: { type: 'RECERTIFICATION', column: 'recertificationEngagementId', sql: 'recertification_engagement_id' },
} as const satisfies Record<string, { type: EngagementKind; column: keyof CertificationCycleEntity; sql: string }>;

export type CycleStage = keyof typeof STAGES;

/** Which engagement of a cycle does the work of each date (its being closed means the date's work is done). */
const DATE_ENGAGEMENT: Record<Exclude<CycleDateKind, 'EXPIRY'>, keyof CertificationCycleEntity> = {
  SURVEILLANCE_1: 'surveillance1EngagementId',
  SURVEILLANCE_2: 'surveillance2EngagementId',
  RECERTIFICATION: 'recertificationEngagementId',
};

const DATE_TITLE: Record<CycleDateKind, string> = {
  SURVEILLANCE_1: 'First surveillance audit due',
  SURVEILLANCE_2: 'Second surveillance audit due',
  RECERTIFICATION: 'Recertification audit due',
  EXPIRY: 'Certificate expires',
};

export interface CalendarEntry {
  date: string;
  kind: CycleDateKind | 'STAGE_1' | 'STAGE_2' | 'ENGAGEMENT';
  title: string;
  cycleId: string | null;
  engagementId: string | null;
  done: boolean;
}

/** The engagements of a cycle, by stage. */
function linkedEngagements(cycle: CertificationCycleEntity): string[] {
  return Object.values(STAGES)
    .map((stage) => cycle[stage.column] as string | null)
    .filter((id): id is string => id !== null);
}

/**
 * The certification cycle (steps 7 and 8 of the certification journey): a certification body, the approved scope it
 * certifies, the engagements of its audits, the recommendation (blocked by open major nonconformities) and the
 * certificate with the dates it sets; a calendar of all of it; reminders ahead of each date.
 */
export class CertificationService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  /** isms.scope.approved: the scope in force, the one it supersedes no longer. Idempotent. */
  async applyScopeApproved(manager: EntityManager, event: Envelope<EventData<typeof ScopeApproved>>): Promise<void> {
    const { data, organisationId } = event;
    await manager.query(
      `INSERT INTO approved_scope_replica (organisation_id, scope_id, version, approved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, scope_id) DO NOTHING`,
      [organisationId, data.id, data.version, data.approvedAt],
    );
    if (data.supersededId) {
      await manager.query('UPDATE approved_scope_replica SET superseded = true WHERE organisation_id = $1 AND scope_id = $2', [organisationId, data.supersededId]);
    }
  }

  /** Cycles by creation; an external auditor only those with an engagement of their grant. */
  async list(claims: Claims): Promise<CertificationCycleEntity[]> {
    const cycles = await this.deps.dataSource.getRepository(CertificationCycleEntity).find({ where: { organisationId: claims.organisationId }, order: { createdAt: 'DESC', id: 'ASC' } });
    const scope = engagementScope(claims);
    return scope.kind === 'all' ? cycles : cycles.filter((cycle) => linkedEngagements(cycle).includes(scope.engagementId));
  }

  async create(input: CreateCertificationCycleInput, context: EventContext): Promise<CertificationCycleEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const scope = await manager.getRepository(ApprovedScopeReplicaEntity).findOneBy({ organisationId: context.organisationId, scopeId: input.scopeId });
      if (!scope) throw certificationErrors.raise('SCOPE_NOT_IN_FORCE', `scope ${input.scopeId} is not an approved ISMS scope (approved scopes reach audit from isms-service: try again shortly)`);
      if (scope.superseded) throw certificationErrors.raise('SCOPE_NOT_IN_FORCE', `scope version ${scope.version} was superseded by a later approved version: certify the scope in force`);
      if (input.contactPersonId) {
        const person = await this.people.byId(manager, context.organisationId, input.contactPersonId);
        if (!person?.active) throw certificationErrors.raise('CONTACT_NOT_FOUND', `person ${input.contactPersonId} is not an active person of the organisation`);
      }
      const repository = manager.getRepository(CertificationCycleEntity);
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          certificationBody: input.certificationBody.trim(),
          scopeId: scope.scopeId,
          scopeVersion: scope.version,
          contactPersonId: input.contactPersonId ?? null,
          status: 'PLANNED',
        }),
      );
    });
  }

  /** Links an engagement of the matching type to a stage of the cycle; an engagement belongs to one stage of one cycle. */
  async link(input: LinkCycleEngagementInput, context: EventContext): Promise<CertificationCycleEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const cycle = await this.locked(manager, context.organisationId, input.cycleId);
      const engagement = await manager.getRepository(EngagementEntity).findOneBy({ organisationId: context.organisationId, id: input.engagementId });
      if (!engagement) throw certificationErrors.raise('ENGAGEMENT_NOT_FOUND', `engagement ${input.engagementId} does not exist`);
      const stage = STAGES[input.stage as CycleStage];
      if (engagement.type !== stage.type) {
        throw certificationErrors.raise('ENGAGEMENT_TYPE_MISMATCH', `"${engagement.title}" is a ${engagement.type.toLowerCase().replace('_', ' ')} engagement: the ${input.stage.toLowerCase().replace('_', ' ')} needs a ${stage.type.toLowerCase().replace('_', ' ')} one`);
      }
      const [elsewhere] = await manager.query(
        `SELECT id FROM certification_cycle WHERE organisation_id = $1 AND $2 IN (stage1_engagement_id, stage2_engagement_id, surveillance1_engagement_id, surveillance2_engagement_id, recertification_engagement_id) AND NOT (id = $3 AND ${stage.sql} = $2)`,
        [context.organisationId, engagement.id, cycle.id],
      );
      if (elsewhere) throw certificationErrors.raise('ENGAGEMENT_ALREADY_LINKED', `"${engagement.title}" is already an audit of a certification cycle`);
      if ((input.stage === 'STAGE_1' || input.stage === 'STAGE_2') && cycle.status !== 'PLANNED') {
        throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', 'certification was already recommended: Stage 1 and Stage 2 are final');
      }
      if (input.stage !== 'STAGE_1' && input.stage !== 'STAGE_2' && cycle.status !== 'CERTIFIED') {
        throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', 'surveillance and recertification audits follow the certificate: record it first');
      }
      (cycle as unknown as Record<string, unknown>)[stage.column] = engagement.id;
      return manager.save(cycle);
    });
  }

  /** What blocks the recommendation now: the open nonconformities of the cycle's Stage 1 and Stage 2 engagements. */
  async blockers(organisationId: string, cycle: CertificationCycleEntity, manager: EntityManager = this.deps.dataSource.manager): Promise<string[]> {
    const engagements = [cycle.stage1EngagementId, cycle.stage2EngagementId].filter((id): id is string => id !== null);
    if (engagements.length === 0) return [];
    const findings = await manager.getRepository(FindingEntity).findBy({ organisationId, engagementId: In(engagements) });
    const actions = findings.length ? await manager.getRepository(CorrectiveActionEntity).findBy({ organisationId, findingId: In(findings.map((f) => f.id)) }) : [];
    const actionOf = new Map(actions.map((action) => [action.findingId, action.status]));
    return recommendationBlockers(findings.map((f) => ({ id: f.id, severity: f.severity, status: f.status, correctiveActionStatus: actionOf.get(f.id) ?? null })));
  }

  /**
   * The auditor recommends certification once Stage 1 and Stage 2 are both done (closed) and nothing blocks it. An
   * external auditor only with a grant for the cycle's Stage 2.
   */
  async recommend(input: RecommendCertificationInput, claims: Claims, context: EventContext): Promise<CertificationCycleEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const cycle = await this.locked(manager, context.organisationId, input.cycleId);
      if (cycle.status !== 'PLANNED') throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', `certification was already ${cycle.status.toLowerCase()}`);
      if (!cycle.stage1EngagementId || !cycle.stage2EngagementId) {
        throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', 'link the Stage 1 and the Stage 2 engagements before recommending certification');
      }
      assertEngagementInScope(claims, cycle.stage2EngagementId);
      const stages = await manager.getRepository(EngagementEntity).findBy({ organisationId: context.organisationId, id: In([cycle.stage1EngagementId, cycle.stage2EngagementId]) });
      const open = stages.filter((engagement) => engagement.status !== 'CLOSED');
      if (open.length > 0) throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', `close ${open.map((e) => `"${e.title}"`).join(' and ')} first: the recommendation follows the audits`);
      const blockers = await this.blockers(context.organisationId, cycle, manager);
      if (blockers.length > 0) throw certificationErrors.raise('RECOMMENDATION_BLOCKED', `certification cannot be recommended: ${blockers.join('; ')}`);
      cycle.status = 'RECOMMENDED';
      cycle.recommendedAt = new Date();
      cycle.recommendedBy = claims.sub;
      cycle.recommendationComment = input.comment.trim();
      return manager.save(cycle);
    });
  }

  /** The certificate the body issued after the recommendation: valid three years, setting the surveillance dates. */
  async recordCertificate(input: RecordCertificateInput, context: EventContext): Promise<CertificationCycleEntity> {
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const cycle = await this.locked(manager, context.organisationId, input.cycleId);
        if (cycle.status !== 'RECOMMENDED') {
          throw certificationErrors.raise('CERTIFICATION_STEP_INVALID', cycle.status === 'CERTIFIED' ? 'the certificate was already recorded' : 'the certificate follows the recommendation: it was not recommended yet');
        }
        if (input.issuedOn > todayUtc()) throw certificationErrors.raise('ISSUE_DATE_INVALID', `the issue date ${input.issuedOn} is in the future`);
        if (cycle.recommendedAt && input.issuedOn < cycle.recommendedAt.toISOString().slice(0, 10)) {
          throw certificationErrors.raise('ISSUE_DATE_INVALID', `the issue date ${input.issuedOn} is before the recommendation (${cycle.recommendedAt.toISOString().slice(0, 10)})`);
        }
        cycle.certificateNumber = input.certificateNumber.trim();
        cycle.issuedOn = input.issuedOn;
        cycle.expiresOn = certificateExpiry(input.issuedOn);
        cycle.status = 'CERTIFIED';
        return await manager.save(cycle);
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw certificationErrors.raise('CERTIFICATE_NUMBER_TAKEN', `certificate number ${input.certificateNumber.trim()} is already recorded`);
      }
      throw error;
    }
  }

  /** The cycle's dates with whether their work is done (the linked engagement closed). */
  async dates(cycles: readonly CertificationCycleEntity[]): Promise<CalendarEntry[]> {
    const ids = cycles.flatMap(linkedEngagements);
    const engagements = ids.length ? await this.deps.dataSource.getRepository(EngagementEntity).findBy({ id: In(ids) }) : [];
    const closed = new Set(engagements.filter((e) => e.status === 'CLOSED').map((e) => e.id));
    const entries: CalendarEntry[] = [];
    for (const cycle of cycles) {
      if (!cycle.issuedOn || !cycle.expiresOn) continue;
      const dates = cycleDates(cycle.issuedOn, cycle.expiresOn);
      for (const kind of Object.keys(dates) as CycleDateKind[]) {
        const engagement = kind === 'EXPIRY' ? null : (cycle[DATE_ENGAGEMENT[kind]] as string | null);
        entries.push({ date: dates[kind], kind, title: `${DATE_TITLE[kind]} (${cycle.certificationBody}, certificate ${cycle.certificateNumber})`, cycleId: cycle.id, engagementId: engagement, done: engagement !== null && closed.has(engagement) });
      }
    }
    return entries;
  }

  /** Every date between `from` and `to`: the cycles' dates and every engagement's start, by date. */
  async calendar(claims: Claims, args: CalendarArgs): Promise<CalendarEntry[]> {
    if (args.to < args.from) throw certificationErrors.raise('ISSUE_DATE_INVALID', `to (${args.to}) is before from (${args.from})`);
    if (daysBetween(args.from, args.to) > 5 * 366) throw certificationErrors.raise('ISSUE_DATE_INVALID', 'the calendar spans at most five years');
    const scope = engagementScope(claims);
    const cycles = await this.list(claims);
    const engagements = await this.deps.dataSource.getRepository(EngagementEntity).find({
      where: { organisationId: claims.organisationId, ...(scope.kind === 'engagement' ? { id: scope.engagementId } : {}) },
    });
    const stageOf = new Map<string, 'STAGE_1' | 'STAGE_2'>();
    for (const cycle of cycles) {
      if (cycle.stage1EngagementId) stageOf.set(cycle.stage1EngagementId, 'STAGE_1');
      if (cycle.stage2EngagementId) stageOf.set(cycle.stage2EngagementId, 'STAGE_2');
    }
    const cycleOf = new Map(cycles.flatMap((cycle) => linkedEngagements(cycle).map((id) => [id, cycle.id] as const)));
    const entries: CalendarEntry[] = [
      ...engagements.map((engagement) => ({
        date: engagement.startsOn,
        kind: stageOf.get(engagement.id) ?? ('ENGAGEMENT' as const),
        title: engagement.title,
        cycleId: cycleOf.get(engagement.id) ?? null,
        engagementId: engagement.id,
        done: engagement.status === 'CLOSED',
      })),
      ...(await this.dates(cycles)),
    ];
    return entries.filter((entry) => entry.date >= args.from && entry.date <= args.to).sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  }

  /**
   * The daily reminders: for each certified cycle with a contact, the nearest reminder window reached of each date
   * whose work is not done, as a notification event (each at most once: the key names cycle, date and window).
   */
  async sendReminders(today: string = todayUtc()): Promise<number> {
    const cycles = await this.deps.dataSource.getRepository(CertificationCycleEntity).findBy({ status: 'CERTIFIED' });
    const byId = new Map(cycles.map((cycle) => [cycle.id, cycle]));
    let sent = 0;
    for (const entry of await this.dates(cycles)) {
      const cycle = byId.get(entry.cycleId!)!;
      const window = reminderDue(entry.date, today, entry.done);
      if (!window || !cycle.contactPersonId) continue;
      const dedupeKey = `certification:${cycle.id}:${entry.kind}:${entry.date}:${window}`;
      await this.deps.dataSource.transaction(async (manager) => {
        // One reminder per key, even when two runs overlap: the key's row is taken with the notification, or not at all.
        const claimed: unknown[] = await manager.query(
          'INSERT INTO certification_reminder (dedupe_key, cycle_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING dedupe_key',
          [dedupeKey, cycle.id],
        );
        if (claimed.length === 0) return;
        const left = daysBetween(today, entry.date);
        await this.deps.outbox.record(
          manager,
          NotificationRequested,
          cycle.id,
          {
            recipientPersonId: cycle.contactPersonId!,
            kind: entry.kind === 'EXPIRY' ? 'CERTIFICATE_EXPIRY' : `CERTIFICATION_${entry.kind}_DUE`,
            subject: window === 'overdue' ? `Overdue: ${entry.title}` : `${entry.title} in ${left} day${left === 1 ? '' : 's'}`,
            body: `${entry.title} on ${entry.date}.${entry.kind === 'EXPIRY' ? ' The certificate lapses unless recertification is decided before then.' : ' Plan the audit with the certification body and link its engagement to the cycle.'}`,
            dueDate: entry.date,
            link: '/audit/certification',
            dedupeKey,
          },
          { organisationId: cycle.organisationId, actor: 'audit-service', correlationId: dedupeKey },
        );
        sent++;
      });
    }
    return sent;
  }

  private async locked(manager: EntityManager, organisationId: string, id: string): Promise<CertificationCycleEntity> {
    const cycle = isUUID(id)
      ? await manager
          .getRepository(CertificationCycleEntity)
          .createQueryBuilder('c')
          .setLock('pessimistic_write')
          .where('c.id = :id AND c.organisation_id = :organisationId', { id, organisationId })
          .getOne()
      : null;
    if (!cycle) throw certificationErrors.raise('CERTIFICATION_CYCLE_NOT_FOUND', `certification cycle ${id} does not exist`);
    return cycle;
  }
}

