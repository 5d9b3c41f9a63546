import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { Access, Claims, ClientOrigin, grantPeriod, grantPeriodCondition } from '@iso27001/authz';
import { Envelope, EventData, PolicyAcknowledged, PolicyPublished } from '@iso27001/contracts';
import { PersonReplicaEntity, PersonReplicaService, UnitReplicaEntity, UnitReplicaService, unitSubtreeCte } from '@iso27001/org-replica';
import { EventContext, PermanentEventError, ServiceDeps } from '@iso27001/platform';
import { traineeCondition, traineeFilter } from '../people/person.scope';
import { audienceCoversUnit, inAudience, majorOf, normaliseJobRole, rate } from './policy-acknowledgement.rules';
import { PolicyAcknowledgementEntity } from './policy-acknowledgement.entity';
import { policyAcknowledgementErrors } from './policy-acknowledgement.errors';
import { PolicyAcknowledgementHistoryArgs, PolicyAcknowledgementPageArgs } from './policy-acknowledgement.input';
import { toPolicyAcknowledgedData } from './policy-acknowledgement.mapper';
import { PolicyPublicationEntity } from './policy-publication.entity';

type PolicyPublishedEvent = Envelope<EventData<typeof PolicyPublished>>;

/** Who reads a list: the organisation, and the grant period that bounds an external auditor. */
type Reader = Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>;

/**
 * The day a task is dated by, for an external auditor's observation period: an acknowledgement by the day it was
 * given (UTC), a pending task by the day it was opened.
 */
const TASK_DAY = "COALESCE((a.acknowledged_at AT TIME ZONE 'UTC')::date, (a.created_at AT TIME ZONE 'UTC')::date)";

export interface AcknowledgementRates {
  policyId: string;
  versionId: string;
  version: string;
  total: number;
  acknowledged: number;
  rate: number;
  units: { unitId: string | null; total: number; acknowledged: number; rate: number }[];
}

export class PolicyAcknowledgementService {
  private readonly people: PersonReplicaService;
  private readonly units: UnitReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
    this.units = new UnitReplicaService(deps);
  }

  /**
   * Flow 6, in the consumer's transaction: records the publication, and unless a later version of the policy is
   * already known, supersedes pending tasks of older majors (major version) and opens a task for every active person
   * in the audience who has none for this major version yet. A redelivered or re-sent publication opens nothing new.
   */
  async applyPolicyPublished(manager: EntityManager, event: PolicyPublishedEvent): Promise<{ opened: number; superseded: number }> {
    const { data, organisationId } = event;
    if (data.policyId !== event.subjectId) throw new PermanentEventError(`subjectId ${event.subjectId} is not the policy id ${data.policyId}`);
    const versionMajor = majorOf(data.version);
    await manager.query(
      `INSERT INTO policy_publication
         (organisation_id, version_id, policy_id, version, version_major, major, title, everyone, unit_ids, job_roles, published_at, content_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (organisation_id, version_id) DO NOTHING`,
      [
        organisationId,
        data.versionId,
        data.policyId,
        data.version,
        versionMajor,
        data.major,
        data.title,
        data.everyone,
        data.unitIds,
        data.jobRoles,
        data.publishedAt,
        data.contentSha256 ?? null,
      ],
    );
    const [later] = await manager.query(
      'SELECT version FROM policy_publication WHERE organisation_id = $1 AND policy_id = $2 AND published_at > $3 LIMIT 1',
      [organisationId, data.policyId, data.publishedAt],
    );
    if (later) {
      this.deps.logger.info({ policyId: data.policyId, version: data.version, later: later.version }, 'a later version is already in force; no tasks opened');
      return { opened: 0, superseded: 0 };
    }
    let superseded = 0;
    if (data.major) {
      const rows: unknown[] = await manager.query(
        `UPDATE policy_acknowledgement SET status = 'SUPERSEDED', superseded_at = now(), updated_at = now()
         WHERE organisation_id = $1 AND policy_id = $2 AND status = 'PENDING' AND version_major < $3
         RETURNING id`,
        [organisationId, data.policyId, versionMajor],
      );
      superseded = rows.length;
    }
    const opened = await this.openTasks(manager, organisationId, { ...data, versionMajor }, null);
    this.deps.logger.info({ policyId: data.policyId, version: data.version, major: data.major, opened, superseded }, 'policy acknowledgement tasks opened');
    return { opened, superseded };
  }

  /**
   * A person who joined (or moved into an audience: another unit, below an audience unit, another job role) after
   * publication: after the replica took the change, opens their tasks for the versions in force whose audience
   * includes them.
   */
  async applyPersonChanged(manager: EntityManager, person: PersonReplicaEntity): Promise<number> {
    if (!person.active) return 0;
    const { organisationId } = person;
    const unitPath = person.unitId ? await this.units.ancestorIds(manager, organisationId, person.unitId) : [];
    let opened = 0;
    for (const publication of (await this.currentPublications(manager, organisationId)).filter((candidate) => inAudience(person, candidate, unitPath))) {
      opened += await this.openTasks(manager, organisationId, publication, [person.personId]);
    }
    return opened;
  }

  /**
   * A unit that arrived or moved: its people (and those of its sub-units) may now be below an audience unit. Opens
   * their tasks for the versions in force whose audience units are on the unit's new path; one statement per such
   * version, whatever the number of people.
   */
  async applyUnitChanged(manager: EntityManager, unit: UnitReplicaEntity): Promise<number> {
    const { organisationId } = unit;
    const unitPath = await this.units.ancestorIds(manager, organisationId, unit.unitId);
    const publications = (await this.currentPublications(manager, organisationId)).filter((candidate) => !candidate.everyone && audienceCoversUnit(candidate, unitPath));
    if (publications.length === 0) return 0;
    const people = (await this.people.ofSubtree(manager, organisationId, [unit.unitId])).map((person) => person.personId);
    if (people.length === 0) return 0;
    let opened = 0;
    for (const publication of publications) opened += await this.openTasks(manager, organisationId, publication, people);
    this.deps.logger.info({ unitId: unit.unitId, people: people.length, opened }, 'acknowledgement tasks opened for people of a moved unit');
    return opened;
  }

  /** The latest publication of each policy: the version in force. */
  private currentPublications(manager: EntityManager, organisationId: string): Promise<PolicyPublicationEntity[]> {
    return manager
      .getRepository(PolicyPublicationEntity)
      .createQueryBuilder('p')
      .distinctOn(['p.policy_id'])
      .where('p.organisation_id = :organisationId', { organisationId })
      .orderBy('p.policy_id')
      .addOrderBy('p.published_at', 'DESC')
      .getMany();
  }

  /**
   * The set-based twin of `inAudience`: one INSERT … SELECT over the replica, whatever the audience's size. The
   * audience's units are walked down to all their sub-units. `only`: restricted to these people.
   */
  private async openTasks(
    manager: EntityManager,
    organisationId: string,
    publication: { policyId: string; versionId: string; version: string; versionMajor: number; title: string; everyone: boolean; unitIds: string[]; jobRoles: string[] },
    only: readonly string[] | null,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE ${unitSubtreeCte('audience_unit', '$1', '$8')}
       INSERT INTO policy_acknowledgement (organisation_id, policy_id, version_id, version, version_major, policy_title, person_id, status)
       SELECT $1, $2, $3, $4, $5, $6, p.person_id, 'PENDING'
       FROM person_replica p
       WHERE p.organisation_id = $1 AND p.active
         AND ($10::uuid[] IS NULL OR p.person_id = ANY($10::uuid[]))
         AND ($7 OR p.unit_id IN (SELECT unit_id FROM audience_unit) OR lower(regexp_replace(btrim(p.job_role), '\\s+', ' ', 'g')) = ANY($9::text[]))
         AND NOT EXISTS (
           SELECT 1 FROM policy_acknowledgement a
           WHERE a.organisation_id = $1 AND a.policy_id = $2 AND a.version_major = $5 AND a.person_id = p.person_id AND a.status <> 'SUPERSEDED')
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        organisationId,
        publication.policyId,
        publication.versionId,
        publication.version,
        publication.versionMajor,
        publication.title,
        publication.everyone,
        publication.unitIds,
        publication.jobRoles.map(normaliseJobRole),
        only,
      ],
    );
    // A publication to a large audience grows the table by thousands of rows at once; refresh the planner's
    // statistics so the next publication's "already has a task" check uses the index instead of a nested scan.
    if (rows.length >= 1000) await manager.query('ANALYZE policy_acknowledgement');
    return rows.length;
  }

  /** A publication that reached training, or POLICY_VERSION_UNKNOWN. */
  private async publication(organisationId: string, policyId: string, versionId: string): Promise<PolicyPublicationEntity> {
    const unknown = () => policyAcknowledgementErrors.raise('POLICY_VERSION_UNKNOWN', `no publication of version ${versionId} of policy ${policyId} has reached training`);
    if (!isUUID(policyId) || !isUUID(versionId)) throw unknown();
    const publication = await this.deps.dataSource.getRepository(PolicyPublicationEntity).findOneBy({ organisationId, versionId, policyId });
    if (!publication) throw unknown();
    return publication;
  }

  /**
   * Who has and who has not acknowledged a version, a page at a time: the same tasks `rates` counts (live tasks of
   * the version's major, of people active now), optionally of one unit's people (with its sub-units) and only the
   * acknowledged or only the pending ones; by the person's name, then ids, so pages never overlap.
   */
  async page(reader: Reader, args: PolicyAcknowledgementPageArgs, access: Access): Promise<{ nodes: PolicyAcknowledgementEntity[]; totalCount: number }> {
    const { organisationId } = reader;
    const publication = await this.publication(organisationId, args.policyId, args.versionId);
    const query = this.deps.dataSource
      .getRepository(PolicyAcknowledgementEntity)
      .createQueryBuilder('a')
      .innerJoin(PersonReplicaEntity, 'p', 'p.organisation_id = a.organisation_id AND p.person_id = a.person_id AND p.active')
      .where("a.organisation_id = :organisationId AND a.policy_id = :policyId AND a.version_major = :major AND a.status <> 'SUPERSEDED'", {
        organisationId,
        policyId: publication.policyId,
        major: publication.versionMajor,
      });
    if (args.unitId) {
      const units = args.includeSubUnits ? await this.units.subtreeIds(this.deps.dataSource.manager, organisationId, [args.unitId]) : [args.unitId];
      query.andWhere('p.unit_id = ANY(:units::uuid[])', { units });
    }
    if (args.acknowledged != null) query.andWhere('a.status = :status', { status: args.acknowledged ? 'ACKNOWLEDGED' : 'PENDING' });
    const reach = traineeCondition(access, { person: 'p.person_id', unit: 'p.unit_id' });
    if (reach) query.andWhere(reach.sql, reach.parameters);
    const period = grantPeriodCondition(reader, TASK_DAY, 'date');
    if (period) query.andWhere(period.sql, period.parameters);
    const [nodes, totalCount] = await query
      .orderBy('lower(p.name)', 'ASC')
      .addOrderBy('p.person_id', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .offset(args.offset)
      .limit(args.first)
      .getManyAndCount();
    return { nodes, totalCount };
  }

  /**
   * One person's acknowledgement records across versions, superseded tasks included, oldest first: what an auditor
   * reads to see who accepted which text when. Within the caller's reach (a person outside it has no history to
   * them) and, for an external auditor, the grant's observation period.
   */
  async history(reader: Reader, args: PolicyAcknowledgementHistoryArgs, access: Access): Promise<PolicyAcknowledgementEntity[]> {
    const query = this.deps.dataSource
      .getRepository(PolicyAcknowledgementEntity)
      .createQueryBuilder('a')
      .leftJoin(PersonReplicaEntity, 'p', 'p.organisation_id = a.organisation_id AND p.person_id = a.person_id')
      .where('a.organisation_id = :organisationId AND a.person_id = :personId', { organisationId: reader.organisationId, personId: args.personId });
    if (args.policyId) query.andWhere('a.policy_id = :policyId', { policyId: args.policyId });
    const reach = traineeCondition(access, { person: 'a.person_id', unit: 'p.unit_id' });
    if (reach) query.andWhere(reach.sql, reach.parameters);
    const period = grantPeriodCondition(reader, TASK_DAY, 'date');
    if (period) query.andWhere(period.sql, period.parameters);
    return query.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }

  /** The caller's tasks (the person whose replicated e-mail is the caller's), oldest first. */
  mine(claims: Claims, status: PolicyAcknowledgementEntity['status']): Promise<PolicyAcknowledgementEntity[]> {
    return this.deps.dataSource
      .getRepository(PolicyAcknowledgementEntity)
      .createQueryBuilder('a')
      .innerJoin(PersonReplicaEntity, 'p', 'p.organisation_id = a.organisation_id AND p.person_id = a.person_id')
      .where('a.organisation_id = :organisationId AND a.status = :status', { organisationId: claims.organisationId, status })
      .andWhere('lower(p.email) = lower(:email)', { email: claims.email })
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /**
   * Acknowledged by the person themself: the task's person has the caller's e-mail. The record keeps the version in
   * force (the latest publication of the task's policy and major version), its content hash and where the
   * acknowledgement came from. `contentSha256`, when given, is the hash of the text the reader was shown: if a newer
   * version was published since, the acknowledgement is refused (POLICY_CONTENT_CHANGED) and nothing is recorded.
   */
  async acknowledge(
    id: string,
    claims: Claims,
    context: EventContext,
    origin: { contentSha256?: string | null; client: ClientOrigin },
  ): Promise<PolicyAcknowledgementEntity> {
    const shown = origin.contentSha256?.trim().toLowerCase() || null;
    if (shown !== null && !/^[0-9a-f]{64}$/.test(shown)) {
      throw policyAcknowledgementErrors.raise('CONTENT_HASH_INVALID', 'contentSha256 must be the 64 hexadecimal digits of a SHA-256');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const notFound = () => policyAcknowledgementErrors.raise('ACKNOWLEDGEMENT_NOT_FOUND', `policy acknowledgement ${id} does not exist`);
      if (!isUUID(id)) throw notFound();
      const task = await manager
        .getRepository(PolicyAcknowledgementEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.organisation_id = :organisationId', { id, organisationId: context.organisationId })
        .getOne();
      if (!task) throw notFound();
      const person = await this.people.byId(manager, context.organisationId, task.personId);
      if (!person || person.email.toLowerCase() !== claims.email.toLowerCase()) {
        throw policyAcknowledgementErrors.raise('NOT_YOUR_ACKNOWLEDGEMENT', 'only the person asked to acknowledge the policy can acknowledge it');
      }
      if (task.status === 'ACKNOWLEDGED') {
        throw policyAcknowledgementErrors.raise('ALREADY_ACKNOWLEDGED', `you acknowledged "${task.policyTitle}" ${task.version} on ${task.acknowledgedAt?.toISOString()}`);
      }
      if (task.status === 'SUPERSEDED') {
        throw policyAcknowledgementErrors.raise(
          'ACKNOWLEDGEMENT_SUPERSEDED',
          `"${task.policyTitle}" ${task.version} was replaced by a new major version: acknowledge that one instead`,
        );
      }
      const [inForce] = await manager
        .getRepository(PolicyPublicationEntity)
        .createQueryBuilder('p')
        .where('p.organisation_id = :organisationId AND p.policy_id = :policyId AND p.version_major = :major', {
          organisationId: context.organisationId,
          policyId: task.policyId,
          major: task.versionMajor,
        })
        .orderBy('p.published_at', 'DESC')
        .limit(1)
        .getMany();
      const read = inForce ?? { versionId: task.versionId, version: task.version, contentSha256: null };
      if (shown !== null && read.contentSha256 !== null && shown !== read.contentSha256) {
        throw policyAcknowledgementErrors.raise(
          'POLICY_CONTENT_CHANGED',
          `"${task.policyTitle}" ${read.version} is not the text you were shown (its SHA-256 is ${read.contentSha256}): read the version in force and acknowledge again`,
        );
      }
      task.status = 'ACKNOWLEDGED';
      task.acknowledgedAt = new Date();
      task.acknowledgedVersionId = read.versionId;
      task.acknowledgedVersion = read.version;
      task.contentSha256 = read.contentSha256;
      task.acknowledgedAddress = origin.client.address;
      task.acknowledgedUserAgent = origin.client.userAgent;
      const saved = await manager.save(task);
      await this.deps.outbox.record(manager, PolicyAcknowledged, saved.id, toPolicyAcknowledgedData(saved), context);
      return saved;
    });
  }

  /**
   * Rates for a version: the live tasks of its policy and major version (a minor version needs no new
   * acknowledgement, so tasks opened by the major or a sibling minor count), per unit of the active people now. A
   * caller who is not organisation-wide counts only the people of their units and themself (person.scope.ts); an
   * external auditor only the tasks dated within the grant's observation period (TASK_DAY).
   */
  async rates(reader: Reader, policyId: string, versionId: string, access: Access): Promise<AcknowledgementRates> {
    const { organisationId } = reader;
    const publication = await this.publication(organisationId, policyId, versionId);
    const reach = traineeFilter(access);
    const period = grantPeriod(reader);
    const rows: { unit_id: string | null; total: string; acknowledged: string }[] = await this.deps.dataSource.query(
      `SELECT p.unit_id, count(*) AS total, count(*) FILTER (WHERE a.status = 'ACKNOWLEDGED') AS acknowledged
       FROM policy_acknowledgement a
       JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.person_id AND p.active
       WHERE a.organisation_id = $1 AND a.policy_id = $2 AND a.version_major = $3 AND a.status <> 'SUPERSEDED'
         AND ($4::boolean OR p.unit_id = ANY($5::uuid[]) OR p.person_id = $6::uuid)
         AND ($7::date IS NULL OR ${TASK_DAY} BETWEEN $7::date AND $8::date)
       GROUP BY p.unit_id
       ORDER BY p.unit_id NULLS LAST`,
      [organisationId, policyId, publication.versionMajor, reach === null, reach?.unitIds ?? [], reach?.personId ?? null, period?.start ?? null, period?.end ?? null],
    );
    const units = rows.map((row) => {
      const counts = { total: Number(row.total), acknowledged: Number(row.acknowledged) };
      return { unitId: row.unit_id, ...counts, rate: rate(counts) };
    });
    const total = units.reduce((sum, unit) => sum + unit.total, 0);
    const acknowledged = units.reduce((sum, unit) => sum + unit.acknowledged, 0);
    return { policyId, versionId, version: publication.version, total, acknowledged, rate: rate({ total, acknowledged }), units };
  }
}
