import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Access, Claims, grantPeriod } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { todayUtc } from '../assignments/assignment.rules';
import { CampaignEntity } from '../campaigns/campaign.entity';
import { completionRate } from '../campaigns/campaign.rules';
import { traineeFilter } from '../people/person.scope';
import { completionRateErrors } from './completion-rate.errors';

type Reader = Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>;

export interface Counts {
  total: number;
  completed: number;
  overdue: number;
  exempt: number;
  rate: number;
}

export interface CampaignCompletion extends Counts {
  campaignId: string;
  round: number;
  units: (Counts & { unitId: string; unitName: string; parentId: string | null })[];
  jobRoles: (Counts & { jobRole: string | null })[];
}

interface CountRow {
  total: string;
  completed: string;
  overdue: string;
  exempt: string;
}

/** The day an assignment is dated by for an auditor's period: completion day, else its due date (as assignments). */
const ASSIGNMENT_DAY = "COALESCE((a.completed_at AT TIME ZONE 'UTC')::date, a.due_on)";

const COUNTS = `count(*) FILTER (WHERE a.status NOT IN ('EXEMPT', 'WITHDRAWN')) AS total,
  count(*) FILTER (WHERE a.status = 'COMPLETED') AS completed,
  count(*) FILTER (WHERE a.status = 'OVERDUE' OR (a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_on < $4::date)) AS overdue,
  count(*) FILTER (WHERE a.status = 'EXEMPT') AS exempt`;

/**
 * The assignments of a campaign's round that the reader may count, by person (`a`, `p`): $1 organisation, $2 campaign,
 * $3 round, $4 today, $5 organisation-wide, $6 reachable units, $7 the reader's person, $8/$9 an auditor's period.
 */
const SCOPED_ASSIGNMENTS = `FROM assignment a
  JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.person_id
  WHERE a.organisation_id = $1 AND a.campaign_id = $2 AND a.campaign_round = $3
    AND ($5::boolean OR p.unit_id = ANY($6::uuid[]) OR p.person_id = $7::uuid)
    AND ($8::date IS NULL OR ${ASSIGNMENT_DAY} BETWEEN $8::date AND $9::date)`;

function countsOf(row: CountRow | undefined): Counts {
  const counts = { total: Number(row?.total ?? 0), completed: Number(row?.completed ?? 0), overdue: Number(row?.overdue ?? 0), exempt: Number(row?.exempt ?? 0) };
  return { ...counts, rate: completionRate(counts) };
}

/**
 * Completion rates of campaigns: overall, per unit rolled up the hierarchy (a unit counts the people of its
 * sub-units), per job role; each one set-based query over the assignments and the replica. A unit owner counts the
 * people of their units (and themself), and sees the units of their reach; an external auditor the assignments dated
 * within the grant's period. The daily history is a snapshot table written by the rates job (and on demand).
 */
export class CompletionRateService {
  constructor(private readonly deps: ServiceDeps) {}

  private async campaign(organisationId: string, id: string): Promise<CampaignEntity> {
    const campaign = isUUID(id) ? await this.deps.dataSource.getRepository(CampaignEntity).findOneBy({ organisationId, id }) : null;
    if (!campaign) throw completionRateErrors.raise('CAMPAIGN_NOT_FOUND', `campaign ${id} does not exist`);
    return campaign;
  }

  async campaignCompletion(reader: Reader, access: Access | null, campaignId: string, today: string = todayUtc(), manager: EntityManager = this.deps.dataSource.manager): Promise<CampaignCompletion> {
    const campaign = await this.campaign(reader.organisationId, campaignId);
    const reach = access ? traineeFilter(access) : null;
    const period = grantPeriod(reader);
    const parameters = [reader.organisationId, campaign.id, campaign.round, today, reach === null, reach?.unitIds ?? [], reach?.personId ?? null, period?.start ?? null, period?.end ?? null];
    const [overall]: CountRow[] = await manager.query(`SELECT ${COUNTS} ${SCOPED_ASSIGNMENTS}`, parameters);
    const units: (CountRow & { unit_id: string; name: string; parent_id: string | null })[] = await manager.query(
      `WITH RECURSIVE closure(ancestor_id, unit_id) AS (
         SELECT unit_id, unit_id FROM unit_replica WHERE organisation_id = $1
         UNION
         SELECT c.ancestor_id, u.unit_id FROM closure c JOIN unit_replica u ON u.organisation_id = $1 AND u.parent_id = c.unit_id
       ),
       counted AS (SELECT p.unit_id, ${COUNTS} ${SCOPED_ASSIGNMENTS} GROUP BY p.unit_id)
       SELECT cl.ancestor_id AS unit_id, u.name, u.parent_id,
              sum(c.total) AS total, sum(c.completed) AS completed, sum(c.overdue) AS overdue, sum(c.exempt) AS exempt
         FROM closure cl
         JOIN counted c ON c.unit_id = cl.unit_id
         JOIN unit_replica u ON u.organisation_id = $1 AND u.unit_id = cl.ancestor_id
        WHERE ($5::boolean OR cl.ancestor_id = ANY($6::uuid[]))
        GROUP BY cl.ancestor_id, u.name, u.parent_id
        ORDER BY lower(u.name), cl.ancestor_id`,
      parameters,
    );
    const roles: (CountRow & { job_role: string | null })[] = await manager.query(
      `SELECT nullif(lower(regexp_replace(btrim(p.job_role), '\\s+', ' ', 'g')), '') AS job_role, ${COUNTS} ${SCOPED_ASSIGNMENTS}
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      parameters,
    );
    return {
      campaignId: campaign.id,
      round: campaign.round,
      ...countsOf(overall),
      units: units.map((row) => ({ unitId: row.unit_id, unitName: row.name, parentId: row.parent_id, ...countsOf(row) })),
      jobRoles: roles.map((row) => ({ jobRole: row.job_role, ...countsOf(row) })),
    };
  }

  /**
   * Records today's completion of every launched (or enrolling, or closed) campaign, overall and per unit; a second
   * snapshot the same day replaces the first. Returns the number of campaigns recorded.
   */
  async snapshot(today: string = todayUtc()): Promise<number> {
    const campaigns: { id: string; organisation_id: string }[] = await this.deps.dataSource.query("SELECT id, organisation_id FROM campaign WHERE status <> 'DRAFT' ORDER BY id");
    for (const { id, organisation_id: organisationId } of campaigns) {
      await this.deps.dataSource.transaction(async (manager) => {
        const completion = await this.campaignCompletion({ organisationId, roles: [] }, null, id, today, manager);
        const rows = [
          { key: 'campaign', unitId: null as string | null, counts: completion as Counts },
          ...completion.units.map((unit) => ({ key: `unit:${unit.unitId}`, unitId: unit.unitId as string | null, counts: unit as Counts })),
        ];
        await manager.query(
          `INSERT INTO completion_snapshot (organisation_id, day, campaign_id, scope_key, unit_id, total, completed, overdue)
           SELECT $1, $2::date, $3, r.scope_key, r.unit_id, r.total, r.completed, r.overdue
             FROM unnest($4::text[], $5::uuid[], $6::int[], $7::int[], $8::int[]) AS r(scope_key, unit_id, total, completed, overdue)
           ON CONFLICT (organisation_id, campaign_id, scope_key, day) DO UPDATE
             SET total = EXCLUDED.total, completed = EXCLUDED.completed, overdue = EXCLUDED.overdue`,
          [
            organisationId,
            today,
            id,
            rows.map((row) => row.key),
            rows.map((row) => row.unitId),
            rows.map((row) => row.counts.total),
            rows.map((row) => row.counts.completed),
            rows.map((row) => row.counts.overdue),
          ],
        );
      });
    }
    return campaigns.length;
  }

  /**
   * The daily history of a campaign, or of one unit of it, oldest first. The whole campaign's history is for
   * organisation-wide readers; a unit owner reads the history of a unit in their reach; an auditor only the days of
   * the grant's period.
   */
  async history(reader: Reader, access: Access, args: { campaignId: string; unitId?: string | null; from?: string | null; to?: string | null }): Promise<{ day: string; total: number; completed: number; overdue: number; rate: number }[]> {
    const campaign = await this.campaign(reader.organisationId, args.campaignId);
    const reach = traineeFilter(access);
    if (reach !== null && (!args.unitId || !reach.unitIds.includes(args.unitId))) {
      throw completionRateErrors.raise('UNIT_OUT_OF_SCOPE', 'choose one of your units: the history of the whole campaign is for organisation-wide roles');
    }
    const period = grantPeriod(reader);
    const rows: { day: string; total: number; completed: number; overdue: number }[] = await this.deps.dataSource.query(
      `SELECT day::text AS day, total, completed, overdue FROM completion_snapshot
        WHERE organisation_id = $1 AND campaign_id = $2 AND scope_key = $3
          AND ($4::date IS NULL OR day >= $4::date) AND ($5::date IS NULL OR day <= $5::date)
          AND ($6::date IS NULL OR day BETWEEN $6::date AND $7::date)
        ORDER BY day`,
      [reader.organisationId, campaign.id, args.unitId ? `unit:${args.unitId}` : 'campaign', args.from ?? null, args.to ?? null, period?.start ?? null, period?.end ?? null],
    );
    return rows.map((row) => ({ ...row, rate: completionRate(row) }));
  }
}
