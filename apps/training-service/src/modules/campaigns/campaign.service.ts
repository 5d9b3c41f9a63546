import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { AssignmentChanged } from '@iso27001/contracts';
import { unitSubtreeCte } from '@iso27001/org-replica';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { AssignmentEntity, OPEN_ASSIGNMENT_STATUSES } from '../assignments/assignment.entity';
import { ASSIGNMENT_ROW_COLUMNS, AssignmentRow, assignmentRowEventData, toAssignmentEventData } from '../assignments/assignment.mapper';
import { todayUtc } from '../assignments/assignment.rules';
import { CourseEntity } from '../courses/course.entity';
import { CampaignEntity, LIVE_CAMPAIGN_STATUSES } from './campaign.entity';
import { campaignErrors } from './campaign.errors';
import { CampaignAudienceInput, CreateCampaignInput } from './campaign.input';
import { addDays, exemptReasonProblem, nextRoundOn, normaliseJobRole } from './campaign.rules';

export const CAMPAIGN_SYSTEM_ACTOR = 'system:training-campaigns';

/** People enrolled per batch (one transaction, one INSERT … SELECT and its events each). */
export const ENROLMENT_BATCH = 2500;

/** The audience as the SQL below reads it: units (walked down to their sub-units), normalised job roles, everyone. */
interface Audience {
  everyone: boolean;
  unitIds: string[];
  jobRoles: string[];
}

const RETURNING = ASSIGNMENT_ROW_COLUMNS;

/**
 * The audience rule in SQL, over `person_replica p`: active, and everyone, or in an audience unit or below one
 * (`audience_unit`, from `unitSubtreeCte`), or holding one of the job roles. Parameters: $1 organisation, then the
 * given positions of the everyone flag and the job roles.
 */
function audienceWhere(everyone: string, jobRoles: string): string {
  return `p.organisation_id = $1 AND p.active
    AND (${everyone}::boolean OR p.unit_id IN (SELECT unit_id FROM audience_unit)
         OR lower(regexp_replace(btrim(p.job_role), '\\s+', ' ', 'g')) = ANY(${jobRoles}::text[]))`;
}

export class CampaignService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string, status?: string | null): Promise<CampaignEntity[]> {
    const where = status ? { organisationId, status: status as CampaignEntity['status'] } : { organisationId };
    return this.deps.dataSource.getRepository(CampaignEntity).find({ where, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async byId(organisationId: string, id: string): Promise<CampaignEntity> {
    const campaign = isUUID(id) ? await this.deps.dataSource.getRepository(CampaignEntity).findOneBy({ organisationId, id }) : null;
    if (!campaign) throw campaignErrors.raise('CAMPAIGN_NOT_FOUND', `campaign ${id} does not exist`);
    return campaign;
  }

  /** Checks an audience as given (units known to training, something chosen) and normalises its job roles. */
  private async audienceOf(manager: EntityManager, organisationId: string, input: CampaignAudienceInput): Promise<Audience> {
    const unitIds = [...new Set(input.unitIds ?? [])];
    const jobRoles = [...new Set((input.jobRoles ?? []).map(normaliseJobRole).filter((role) => role.length > 0))];
    const everyone = input.everyone ?? false;
    if (!everyone && unitIds.length === 0 && jobRoles.length === 0) {
      throw campaignErrors.raise('AUDIENCE_MISSING', 'choose an audience: everyone, one or more units, or one or more job roles');
    }
    if (unitIds.length > 0) {
      const known: { unit_id: string }[] = await manager.query('SELECT unit_id FROM unit_replica WHERE organisation_id = $1 AND unit_id = ANY($2::uuid[])', [organisationId, unitIds]);
      const missing = unitIds.filter((id) => !known.some((row) => row.unit_id === id));
      if (missing.length > 0) throw campaignErrors.raise('UNIT_NOT_FOUND', `unit(s) ${missing.join(', ')} are not known to training`);
    }
    return { everyone, unitIds, jobRoles };
  }

  /** How many active people the audience reaches now, and a sample of them (by name). */
  async preview(organisationId: string, input: CampaignAudienceInput, sampleSize = 10): Promise<{ headCount: number; sample: { personId: string; name: string; unitId: string | null; jobRole: string | null }[] }> {
    const manager = this.deps.dataSource.manager;
    const audience = await this.audienceOf(manager, organisationId, input);
    return this.count(manager, organisationId, audience, sampleSize);
  }

  private async count(manager: EntityManager, organisationId: string, audience: Audience, sampleSize: number) {
    const [counted]: { head_count: string }[] = await manager.query(
      `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$2')}
       SELECT count(*) AS head_count FROM person_replica p WHERE ${audienceWhere('$3', '$4')}`,
      [organisationId, audience.unitIds, audience.everyone, audience.jobRoles],
    );
    const sample: { person_id: string; name: string; unit_id: string | null; job_role: string | null }[] =
      sampleSize > 0
        ? await manager.query(
            `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$2')}
             SELECT p.person_id, p.name, p.unit_id, p.job_role FROM person_replica p WHERE ${audienceWhere('$3', '$4')}
             ORDER BY lower(p.name), p.person_id LIMIT $5`,
            [organisationId, audience.unitIds, audience.everyone, audience.jobRoles, sampleSize],
          )
        : [];
    return {
      headCount: Number(counted?.head_count ?? 0),
      sample: sample.map((row) => ({ personId: row.person_id, name: row.name, unitId: row.unit_id, jobRole: row.job_role })),
    };
  }

  async create(input: CreateCampaignInput, claims: Claims): Promise<CampaignEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const organisationId = claims.organisationId;
      const course = await manager.findOneBy(CourseEntity, { id: input.courseId, organisationId });
      if (!course) throw campaignErrors.raise('COURSE_NOT_FOUND', `course ${input.courseId} does not exist`);
      if (!course.active) throw campaignErrors.raise('COURSE_INACTIVE', `course "${course.title}" is not active`);
      const audience = await this.audienceOf(manager, organisationId, input);
      const recurrence = input.recurrence ?? 'NONE';
      const months = input.recurrenceMonths ?? null;
      if ((recurrence === 'MONTHS') !== (months !== null)) {
        throw campaignErrors.raise('RECURRENCE_INVALID', 'recurrenceMonths is given exactly when the recurrence is every N months (MONTHS)');
      }
      const repository = manager.getRepository(CampaignEntity);
      return repository.save(
        repository.create({
          organisationId,
          name: input.name.trim(),
          courseId: course.id,
          ...audience,
          dueDays: input.dueDays,
          recurrence,
          recurrenceMonths: months,
          status: 'DRAFT',
          createdBy: claims.sub,
        }),
      );
    });
  }

  /**
   * Opens the first round: counts the audience (none → AUDIENCE_EMPTY, nothing written), marks the campaign
   * ENROLLING with its target, then enrols in batches (`enrolNextBatch`) until everyone in the audience is reached.
   * The batches run after this returns, so the caller reads the progress (`enrolledCount` of `targetCount`) while they
   * run; the enrolment job finishes any round a stopped process left ENROLLING.
   */
  async launch(id: string, context: EventContext): Promise<CampaignEntity> {
    const campaign = await this.deps.dataSource.transaction(async (manager) => {
      const found = await this.locked(manager, context.organisationId, id);
      if (found.status !== 'DRAFT') throw campaignErrors.raise('CAMPAIGN_NOT_DRAFT', `campaign "${found.name}" is ${found.status.toLowerCase()}: only a draft can be launched`);
      return this.openRound(manager, found);
    });
    this.enrolInBackground(campaign.organisationId, campaign.id, context.correlationId);
    return campaign;
  }

  /** `roundDay`: the day the round is for (the launch day, or the day a recurring round was due), which sets the next one. */
  private async openRound(manager: EntityManager, campaign: CampaignEntity, roundDay: string = todayUtc()): Promise<CampaignEntity> {
    const { headCount } = await this.count(manager, campaign.organisationId, campaign, 0);
    if (headCount === 0) throw campaignErrors.raise('AUDIENCE_EMPTY', `the audience of campaign "${campaign.name}" matches nobody: nothing was launched`);
    campaign.status = 'ENROLLING';
    campaign.round += 1;
    campaign.targetCount = headCount;
    campaign.enrolledCount = 0;
    campaign.enrolmentCursor = null;
    campaign.launchedAt = campaign.launchedAt ?? new Date();
    // The cadence follows the rounds' own days; a round caught up late does not shift the ones after it.
    let next = nextRoundOn(roundDay, campaign.recurrence, campaign.recurrenceMonths);
    while (next !== null && next <= todayUtc()) next = nextRoundOn(next, campaign.recurrence, campaign.recurrenceMonths);
    campaign.nextRoundOn = next;
    return manager.save(campaign);
  }

  private async locked(manager: EntityManager, organisationId: string, id: string): Promise<CampaignEntity> {
    const campaign = isUUID(id)
      ? await manager.getRepository(CampaignEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id AND c.organisation_id = :organisationId', { id, organisationId }).getOne()
      : null;
    if (!campaign) throw campaignErrors.raise('CAMPAIGN_NOT_FOUND', `campaign ${id} does not exist`);
    return campaign;
  }

  private enrolInBackground(organisationId: string, id: string, correlationId: string): void {
    void this.enrolAll(organisationId, id, correlationId).catch((error: unknown) =>
      this.deps.logger.warn({ campaignId: id, error: error instanceof Error ? error.message : String(error) }, 'campaign enrolment interrupted; the enrolment job resumes it'),
    );
  }

  /** Runs the batches of an ENROLLING round to the end. */
  async enrolAll(organisationId: string, id: string, correlationId: string): Promise<void> {
    while (await this.enrolNextBatch(organisationId, id, correlationId)) {
      /* next batch */
    }
  }

  /**
   * One batch of a round, in its own transaction under the campaign's row lock (so two runners take turns): the next
   * `ENROLMENT_BATCH` people of the audience after the cursor, by person id, get an assignment unless they already
   * have one from this round or an open one of the course; one AssignmentChanged each. Returns false when the round
   * is fully enrolled (the campaign is then LAUNCHED).
   */
  async enrolNextBatch(organisationId: string, id: string, correlationId: string): Promise<boolean> {
    return this.deps.dataSource.transaction(async (manager) => {
      const campaign = await this.locked(manager, organisationId, id);
      if (campaign.status !== 'ENROLLING') return false;
      const rows: (Partial<AssignmentRow> & { last_person: string | null; scanned: string })[] = await manager.query(
        `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$2')},
         batch AS (
           SELECT p.person_id FROM person_replica p
           WHERE ${audienceWhere('$3', '$4')} AND ($5::uuid IS NULL OR p.person_id > $5::uuid)
           ORDER BY p.person_id LIMIT $6
         ),
         inserted AS (
           INSERT INTO assignment (organisation_id, course_id, person_id, due_on, status, campaign_id, campaign_round, attempt_count)
           SELECT $1, $7, b.person_id, $8::date, 'ASSIGNED', $9, $10, 0 FROM batch b
           WHERE NOT EXISTS (SELECT 1 FROM assignment a WHERE a.campaign_id = $9 AND a.campaign_round = $10 AND a.person_id = b.person_id AND a.status <> 'WITHDRAWN')
           ON CONFLICT DO NOTHING
           RETURNING ${RETURNING}
         ),
         progress AS (SELECT (SELECT person_id FROM batch ORDER BY person_id DESC LIMIT 1) AS last_person, (SELECT count(*) FROM batch) AS scanned)
         SELECT progress.last_person, progress.scanned, inserted.* FROM progress LEFT JOIN inserted ON true`,
        [organisationId, campaign.unitIds, campaign.everyone, campaign.jobRoles, campaign.enrolmentCursor, ENROLMENT_BATCH, campaign.courseId, addDays(todayUtc(), campaign.dueDays), campaign.id, campaign.round],
      );
      const scanned = Number(rows[0]?.scanned ?? 0);
      const inserted = rows.filter((row) => row.id) as AssignmentRow[];
      if (inserted.length > 0) {
        await this.deps.outbox.recordMany(
          manager,
          AssignmentChanged,
          inserted.map((row) => ({ subjectId: row.id, data: assignmentRowEventData(row) })),
          { organisationId, actor: CAMPAIGN_SYSTEM_ACTOR, correlationId },
        );
      }
      campaign.enrolledCount += scanned;
      campaign.enrolmentCursor = rows[0]?.last_person ?? campaign.enrolmentCursor;
      const done = scanned < ENROLMENT_BATCH;
      if (done) {
        campaign.status = 'LAUNCHED';
        // People who left the audience while the round ran were skipped: the target is who was reached.
        campaign.targetCount = Math.max(campaign.enrolledCount, 0);
      }
      await manager.save(campaign);
      if (done) this.deps.logger.info({ campaignId: id, round: campaign.round, enrolled: campaign.enrolledCount }, 'campaign round enrolled');
      return !done;
    });
  }

  /** Finishes every round left ENROLLING (a stopped process), one campaign at a time. */
  async resumeEnrolments(correlationId: string): Promise<number> {
    const open: { id: string; organisation_id: string }[] = await this.deps.dataSource.query("SELECT id, organisation_id FROM campaign WHERE status = 'ENROLLING' ORDER BY launched_at");
    for (const campaign of open) await this.enrolAll(campaign.organisation_id, campaign.id, correlationId);
    return open.length;
  }

  /** Opens the next round of every recurring campaign whose day has come; the round enrols like a launch. */
  async openDueRounds(today: string, correlationId: string): Promise<number> {
    const due: { id: string; organisation_id: string }[] = await this.deps.dataSource.query(
      "SELECT id, organisation_id FROM campaign WHERE status = 'LAUNCHED' AND next_round_on IS NOT NULL AND next_round_on <= $1::date ORDER BY next_round_on, id",
      [today],
    );
    let opened = 0;
    for (const { id, organisation_id: organisationId } of due) {
      const started = await this.deps.dataSource.transaction(async (manager) => {
        const campaign = await this.locked(manager, organisationId, id);
        if (campaign.status !== 'LAUNCHED' || !campaign.nextRoundOn || campaign.nextRoundOn > today) return false;
        try {
          await this.openRound(manager, campaign, campaign.nextRoundOn);
          return true;
        } catch {
          // Nobody in the audience today: try again at the next occurrence.
          campaign.nextRoundOn = nextRoundOn(today, campaign.recurrence, campaign.recurrenceMonths);
          await manager.save(campaign);
          return false;
        }
      });
      if (started) {
        opened += 1;
        await this.enrolAll(organisationId, id, correlationId);
      }
    }
    return opened;
  }

  /** Closes a campaign: it enrols nobody more (open assignments stay owed). */
  async close(id: string, context: EventContext): Promise<CampaignEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const campaign = await this.locked(manager, context.organisationId, id);
      if (campaign.status === 'CLOSED') throw campaignErrors.raise('CAMPAIGN_CLOSED', `campaign "${campaign.name}" is already closed`);
      campaign.status = 'CLOSED';
      campaign.closedAt = new Date();
      campaign.nextRoundOn = null;
      return manager.save(campaign);
    });
  }

  /**
   * After the replica took a change of these people (joined, moved unit or job role, left): enrols those now in a
   * live campaign's audience who have nothing from its current round, and withdraws the open assignments of those no
   * longer in it. Set-based per live campaign, in the replica's transaction.
   */
  async reconcilePeople(manager: EntityManager, organisationId: string, personIds: readonly string[], correlationId: string): Promise<{ enrolled: number; withdrawn: number }> {
    if (personIds.length === 0) return { enrolled: 0, withdrawn: 0 };
    const campaigns = await manager
      .getRepository(CampaignEntity)
      .createQueryBuilder('c')
      .where('c.organisation_id = :organisationId AND c.status = ANY(:statuses)', { organisationId, statuses: [...LIVE_CAMPAIGN_STATUSES] })
      .getMany();
    const context = { organisationId, actor: CAMPAIGN_SYSTEM_ACTOR, correlationId };
    let enrolled = 0;
    let withdrawn = 0;
    for (const campaign of campaigns) {
      const parameters = [organisationId, campaign.unitIds, campaign.everyone, campaign.jobRoles, [...personIds], campaign.id, campaign.round];
      const joined: AssignmentRow[] = await manager.query(
        `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$2')}
         INSERT INTO assignment (organisation_id, course_id, person_id, due_on, status, campaign_id, campaign_round, attempt_count)
         SELECT $1, $8, p.person_id, $9::date, 'ASSIGNED', $6, $7, 0 FROM person_replica p
         WHERE ${audienceWhere('$3', '$4')} AND p.person_id = ANY($5::uuid[])
           AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.campaign_id = $6 AND a.campaign_round = $7 AND a.person_id = p.person_id AND a.status <> 'WITHDRAWN')
         ON CONFLICT DO NOTHING
         RETURNING ${RETURNING}`,
        [...parameters, campaign.courseId, addDays(todayUtc(), campaign.dueDays)],
      );
      // An UPDATE … RETURNING comes back from TypeORM as [rows, affected].
      const [left]: [AssignmentRow[], number] = await manager.query(
        `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$2')}
         UPDATE assignment a SET status = 'WITHDRAWN', withdrawn_at = now(), updated_at = now()
         WHERE a.organisation_id = $1 AND a.campaign_id = $6 AND a.campaign_round = $7 AND a.person_id = ANY($5::uuid[])
           AND a.status = ANY($8::text[])
           AND NOT EXISTS (SELECT 1 FROM person_replica p WHERE p.person_id = a.person_id AND ${audienceWhere('$3', '$4')})
         RETURNING ${RETURNING}`,
        [...parameters, [...OPEN_ASSIGNMENT_STATUSES]],
      );
      const changed = [...joined, ...left];
      if (changed.length > 0) {
        await this.deps.outbox.recordMany(manager, AssignmentChanged, changed.map((row) => ({ subjectId: row.id, data: assignmentRowEventData(row) })), context);
      }
      if (joined.length > 0) {
        await manager.query('UPDATE campaign SET target_count = target_count + $2, enrolled_count = enrolled_count + $2, updated_at = now() WHERE id = $1', [campaign.id, joined.length]);
      }
      enrolled += joined.length;
      withdrawn += left.length;
    }
    if (enrolled + withdrawn > 0) this.deps.logger.info({ people: personIds.length, enrolled, withdrawn }, 'campaign audiences followed people changes');
    return { enrolled, withdrawn };
  }

  /**
   * Exempts a person from an open assignment: a programme manager, with a reason, never for themself (the
   * assignment's person has the caller's e-mail). Records who granted it (their subject).
   */
  async exempt(assignmentId: string, reason: string, claims: Claims, context: EventContext): Promise<AssignmentEntity> {
    const problem = exemptReasonProblem(reason);
    if (problem) throw campaignErrors.raise('EXEMPT_REASON_REQUIRED', problem);
    return this.deps.dataSource.transaction(async (manager) => {
      const notFound = () => campaignErrors.raise('ASSIGNMENT_NOT_FOUND', `assignment ${assignmentId} does not exist`);
      if (!isUUID(assignmentId)) throw notFound();
      const assignment = await manager
        .getRepository(AssignmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.organisation_id = :organisationId', { id: assignmentId, organisationId: context.organisationId })
        .getOne();
      if (!assignment) throw notFound();
      const [person]: { email: string }[] = await manager.query('SELECT email FROM person_replica WHERE organisation_id = $1 AND person_id = $2', [context.organisationId, assignment.personId]);
      if (person && person.email.toLowerCase() === claims.email.toLowerCase()) {
        throw campaignErrors.raise('SELF_EXEMPTION', 'nobody exempts themself: another ISMS manager must grant your exemption');
      }
      if (!OPEN_ASSIGNMENT_STATUSES.includes(assignment.status)) {
        throw campaignErrors.raise('ASSIGNMENT_NOT_OPEN', `assignment ${assignmentId} is ${assignment.status.toLowerCase()}: only owed work can be exempted`);
      }
      assignment.status = 'EXEMPT';
      assignment.exemptReason = reason.trim();
      assignment.exemptedBy = claims.sub;
      const saved = await manager.getRepository(AssignmentEntity).save(assignment);
      await this.deps.outbox.record(manager, AssignmentChanged, saved.id, toAssignmentEventData(saved), context);
      return saved;
    });
  }
}
