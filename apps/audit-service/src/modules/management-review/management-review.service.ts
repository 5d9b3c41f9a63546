import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Claims, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { PersonReplicaService } from '@iso27001/org-replica';
import { defineErrors, ServiceDeps } from '@iso27001/platform';
import { todayUtc } from '../corrective-actions/corrective-action.mapper';
import { ProgrammeService } from '../programme/programme.service';
import { ManagementReviewActionEntity, ManagementReviewEntity, ReviewInputs } from './management-review.entity';

export const managementReviewErrors = defineErrors({
  MANAGEMENT_REVIEW_NOT_FOUND: 'NOT_FOUND',
  MANAGEMENT_REVIEW_SIGNED_OFF: 'CONFLICT',
  MANAGEMENT_REVIEW_INCOMPLETE: 'CONFLICT',
  REVIEW_ACTION_INVALID: 'BAD_USER_INPUT',
  OWN_REVIEW: 'FORBIDDEN',
  NOT_ACTION_OWNER_OF_REVIEW: 'FORBIDDEN',
});

export interface ReviewOutcome {
  decisions: string[];
  notes: string | null;
  actions: { description: string; ownerPersonId: string; dueOn: string }[];
}

/**
 * Management reviews (clause 9.3): the platform gathers the inputs it holds data for (previous actions,
 * nonconformities and corrective actions, audit results, certification, programme coverage), the ISMS manager
 * records decisions and actions, and top management signs the review off, never someone who prepared it.
 */
export class ManagementReviewService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  list(organisationId: string): Promise<ManagementReviewEntity[]> {
    return this.deps.dataSource.getRepository(ManagementReviewEntity).find({ where: { organisationId }, order: { heldOn: 'DESC', id: 'ASC' } });
  }

  actions(organisationId: string, reviewId: string): Promise<ManagementReviewActionEntity[]> {
    return this.deps.dataSource.getRepository(ManagementReviewActionEntity).find({ where: { organisationId, reviewId }, order: { dueOn: 'ASC', id: 'ASC' } });
  }

  async create(claims: Claims, title: string, heldOn: string): Promise<ManagementReviewEntity> {
    const repository = this.deps.dataSource.getRepository(ManagementReviewEntity);
    return repository.save(repository.create({ organisationId: claims.organisationId, title: title.trim(), heldOn, status: 'DRAFT', decisions: [], contributorSubs: [claims.sub] }));
  }

  /** Gathers (again) the inputs the platform holds, as of now, into the draft. */
  async gather(claims: Claims, id: string): Promise<ManagementReviewEntity> {
    return this.draft(claims, id, async (manager, review) => {
      review.inputs = await this.inputs(manager, claims, review);
      review.inputsGatheredAt = new Date();
    });
  }

  /** Decisions, actions (each with an active owner and a due date not in the past) and notes: the whole outcome, replaced. */
  async record(claims: Claims, id: string, outcome: ReviewOutcome): Promise<ManagementReviewEntity> {
    return this.draft(claims, id, async (manager, review) => {
      const decisions = outcome.decisions.map((text) => text.trim()).filter(Boolean);
      const owners = await this.people.byIds(manager, claims.organisationId, outcome.actions.map((action) => action.ownerPersonId));
      for (const [index, action] of outcome.actions.entries()) {
        if (!owners.get(action.ownerPersonId)?.active) throw managementReviewErrors.raise('REVIEW_ACTION_INVALID', `action ${index + 1}: person ${action.ownerPersonId} is not an active person of the organisation`);
        if (action.dueOn < todayUtc()) throw managementReviewErrors.raise('REVIEW_ACTION_INVALID', `action ${index + 1}: the due date ${action.dueOn} is in the past`);
      }
      review.decisions = decisions;
      review.notes = outcome.notes?.trim() || null;
      await manager.delete(ManagementReviewActionEntity, { reviewId: review.id });
      if (outcome.actions.length) {
        await manager.insert(
          ManagementReviewActionEntity,
          outcome.actions.map((action) => ({ organisationId: claims.organisationId, reviewId: review.id, description: action.description.trim(), ownerPersonId: action.ownerPersonId, dueOn: action.dueOn })),
        );
      }
    });
  }

  /** Top management signs off a review whose inputs were gathered and decisions recorded; never one of its contributors. */
  async signOff(claims: Claims, id: string): Promise<ManagementReviewEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const review = await this.locked(manager, claims.organisationId, id);
      if (review.status === 'SIGNED_OFF') throw managementReviewErrors.raise('MANAGEMENT_REVIEW_SIGNED_OFF', `the review was signed off on ${review.signedOffAt?.toISOString().slice(0, 10)}`);
      if (review.contributorSubs.includes(claims.sub)) throw managementReviewErrors.raise('OWN_REVIEW', 'you prepared or recorded this review: another member of top management signs it off');
      if (!review.inputs) throw managementReviewErrors.raise('MANAGEMENT_REVIEW_INCOMPLETE', 'gather the inputs before signing off');
      if (review.decisions.length === 0) throw managementReviewErrors.raise('MANAGEMENT_REVIEW_INCOMPLETE', 'record at least one decision before signing off');
      review.status = 'SIGNED_OFF';
      review.signedOffBy = claims.sub;
      review.signedOffByName = claims.name;
      review.signedOffAt = new Date();
      return manager.save(review);
    });
  }

  /** An action of a signed-off review done: by its owner or a programme manager. */
  async completeAction(claims: Claims, actionId: string): Promise<ManagementReviewActionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const action = isUUID(actionId) ? await manager.findOneBy(ManagementReviewActionEntity, { id: actionId, organisationId: claims.organisationId }) : null;
      if (!action) throw managementReviewErrors.raise('MANAGEMENT_REVIEW_NOT_FOUND', `review action ${actionId} does not exist`);
      if (!hasAnyRole(claims, PROGRAMME_MANAGERS)) {
        const me = await this.people.byEmail(manager, claims.organisationId, claims.email);
        if (me?.personId !== action.ownerPersonId) throw managementReviewErrors.raise('NOT_ACTION_OWNER_OF_REVIEW', 'only the owner of the action (or an ISMS manager) marks it done');
      }
      action.doneAt ??= new Date();
      return manager.save(action);
    });
  }

  private async inputs(manager: EntityManager, claims: Claims, review: ManagementReviewEntity): Promise<ReviewInputs> {
    const org = claims.organisationId;
    const [previous] = await manager.query(
      "SELECT id, signed_off_at FROM management_review WHERE organisation_id = $1 AND status = 'SIGNED_OFF' AND id <> $2 ORDER BY held_on DESC LIMIT 1",
      [org, review.id],
    );
    const [actions] = previous
      ? await manager.query(
          `SELECT count(*)::int AS total, count(done_at)::int AS done, count(*) FILTER (WHERE done_at IS NULL)::int AS open,
                  count(*) FILTER (WHERE done_at IS NULL AND due_on < (now() AT TIME ZONE 'UTC')::date)::int AS overdue
             FROM management_review_action WHERE review_id = $1`,
          [previous.id],
        )
      : [{ total: 0, done: 0, open: 0, overdue: 0 }];
    const [ncs] = await manager.query(
      `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open, count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
              count(*) FILTER (WHERE status = 'OPEN' AND severity = 'MAJOR_NONCONFORMITY')::int AS open_major
         FROM finding WHERE organisation_id = $1 AND severity IN ('MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY')`,
      [org],
    );
    const [cas] = await manager.query(
      `SELECT count(*) FILTER (WHERE status <> 'EFFECTIVE')::int AS open,
              count(*) FILTER (WHERE status <> 'EFFECTIVE' AND due_on < (now() AT TIME ZONE 'UTC')::date)::int AS overdue,
              count(*) FILTER (WHERE status = 'EFFECTIVE')::int AS effective, count(*) FILTER (WHERE status = 'NOT_EFFECTIVE')::int AS not_effective
         FROM corrective_action WHERE organisation_id = $1`,
      [org],
    );
    const since: string | null = previous ? new Date(previous.signed_off_at).toISOString().slice(0, 10) : null;
    const findings: { severity: string; n: number }[] = await manager.query(
      `SELECT f.severity, count(*)::int AS n FROM finding f JOIN engagement e ON e.id = f.engagement_id
        WHERE f.organisation_id = $1 AND e.status = 'CLOSED' AND ($2::date IS NULL OR e.updated_at >= $2::date) GROUP BY f.severity`,
      [org, since],
    );
    const [closed] = await manager.query("SELECT count(*)::int AS n FROM engagement WHERE organisation_id = $1 AND status = 'CLOSED' AND ($2::date IS NULL OR updated_at >= $2::date)", [org, since]);
    const [cycle] = await manager.query('SELECT status, certificate_number, expires_on::text FROM certification_cycle WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 1', [org]);
    const programme = await new ProgrammeService(this.deps).coverage(claims, {});
    return {
      previousActions: actions,
      nonconformities: { open: ncs.open, closed: ncs.closed, openMajor: ncs.open_major },
      correctiveActions: { open: cas.open, overdue: cas.overdue, effective: cas.effective, notEffective: cas.not_effective },
      audits: { since, closed: closed.n, findings: Object.fromEntries(findings.map((row) => [row.severity, row.n])) },
      certification: { status: cycle?.status ?? null, certificateNumber: cycle?.certificate_number ?? null, expiresOn: cycle?.expires_on ?? null },
      programme: {
        clausesCovered: programme.clauses.filter((row) => row.engagementIds.length > 0).length,
        clausesTotal: programme.clauses.length,
        controlsCovered: programme.controls.filter((row) => row.engagementIds.length > 0).length,
        controlsApplicable: programme.controls.length,
      },
    };
  }

  private async draft(claims: Claims, id: string, change: (manager: EntityManager, review: ManagementReviewEntity) => Promise<void>): Promise<ManagementReviewEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const review = await this.locked(manager, claims.organisationId, id);
      if (review.status === 'SIGNED_OFF') throw managementReviewErrors.raise('MANAGEMENT_REVIEW_SIGNED_OFF', 'the review is signed off: it is final');
      await change(manager, review);
      if (!review.contributorSubs.includes(claims.sub)) review.contributorSubs = [...review.contributorSubs, claims.sub];
      return manager.save(review);
    });
  }

  private async locked(manager: EntityManager, organisationId: string, id: string): Promise<ManagementReviewEntity> {
    const review = isUUID(id)
      ? await manager.getRepository(ManagementReviewEntity).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id AND r.organisation_id = :organisationId', { id, organisationId }).getOne()
      : null;
    if (!review) throw managementReviewErrors.raise('MANAGEMENT_REVIEW_NOT_FOUND', `management review ${id} does not exist`);
    return review;
  }
}
