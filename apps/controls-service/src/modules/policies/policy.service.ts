import { isUUID } from 'class-validator';
import { EntityManager, In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { Claims, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { PolicyPublished } from '@iso27001/contracts';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { PolicyApproverRole, PolicyEntity } from './policy.entity';
import { policyErrors } from './policy.errors';
import { CreatePolicyInput, PoliciesArgs, PolicyAudienceInput, PolicyContentInput, PolicyPageArgs, UpdatePolicyInput, DraftPolicyVersionInput } from './policy.input';
import { toPolicyPublishedData } from './policy.mapper';
import { Audience, decodeBase64File, formatVersion, isMajorChange, nextVersion, normaliseAudience, POLICY_FILE_TYPES, reviewDueOn, VersionNumber, withContributor } from './policy.rules';
import { PolicyVersionEntity, PolicyVersionStatus } from './policy-version.entity';

const UNIQUE_VIOLATION = '23505';

/** The most a return comment may say (the database holds the same limit). */
const RETURN_COMMENT_MAX = 2000;

/** A version in the works: at most one per policy. */
const OPEN_STATUSES: readonly PolicyVersionStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED'];

/** "a draft", "waiting for approval", … for refusals. */
function statusInWords(status: PolicyVersionStatus): string {
  return status === 'DRAFT' ? 'a draft' : status === 'SUBMITTED' ? 'waiting for approval' : status.toLowerCase();
}

function assertDraft(version: PolicyVersionEntity, what: 'changed' | 'submitted'): void {
  if (version.status === 'DRAFT') return;
  const why = version.status === 'SUBMITTED' ? ' (it is locked while it waits: return it to draft to change it)' : '';
  throw policyErrors.raise('VERSION_NOT_DRAFT', `version ${formatVersion(version)} is ${statusInWords(version.status)}${why}: only a draft can be ${what}`);
}

function assertSubmitted(version: PolicyVersionEntity, what: 'approved' | 'returned to draft'): void {
  if (version.status === 'SUBMITTED') return;
  const state = version.status === 'DRAFT' ? 'still a draft: it must be submitted first' : statusInWords(version.status);
  throw policyErrors.raise('VERSION_NOT_SUBMITTED', `version ${formatVersion(version)} is ${state}; only a version waiting for approval can be ${what}`);
}

/** What the policy lists filter on (the unpaginated list has no search). */
interface PolicyFilter {
  state?: string | null;
  controlId?: string | null;
  search?: string | null;
}

type VersionContent = Pick<PolicyVersionEntity, 'body' | 'fileName' | 'fileContentType' | 'fileSha256' | 'fileSize' | 'fileContent' | 'changeSummary'>;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === UNIQUE_VIOLATION && driver.constraint === constraint;
}

function checkedAudience(input: PolicyAudienceInput): Audience {
  const audience = normaliseAudience(input);
  if (audience === 'AUDIENCE_REQUIRED') {
    throw policyErrors.raise('AUDIENCE_REQUIRED', 'a policy needs an audience: everyone, or at least one unit or job role');
  }
  if (audience === 'AUDIENCE_AMBIGUOUS') {
    throw policyErrors.raise('AUDIENCE_AMBIGUOUS', 'an audience of everyone cannot also list units or job roles');
  }
  return audience;
}

function checkedControls(controlIds: readonly string[]): string[] {
  const ids = [...new Set(controlIds.map((id) => id.trim()))];
  const unknown = ids.filter((id) => !isAnnexAControlId(id));
  if (unknown.length > 0) {
    throw policyErrors.raise('UNKNOWN_CONTROL', `not ISO/IEC 27001:2022 Annex A controls: ${unknown.join(', ')}`, { controlIds: unknown });
  }
  return ids.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function checkedTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw policyErrors.raise('CONTENT_REQUIRED', 'a policy needs a title');
  return trimmed;
}

/** Markdown or a file, exactly one; a file of an allowed type, within the size limit, matching its checksum. */
function checkedContent(input: PolicyContentInput): VersionContent {
  const body = input.body?.trim() ? input.body : null;
  const changeSummary = input.changeSummary?.trim() || null;
  if (body && input.file) throw policyErrors.raise('CONTENT_AMBIGUOUS', 'a version is either Markdown text or an uploaded file, not both');
  if (!body && !input.file) throw policyErrors.raise('CONTENT_REQUIRED', 'a version needs content: Markdown text (body) or an uploaded file');
  if (body) return { body, changeSummary, fileName: null, fileContentType: null, fileSha256: null, fileSize: null, fileContent: null };
  const file = input.file!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  const contentType = file.contentType.trim().toLowerCase();
  if (!POLICY_FILE_TYPES.includes(contentType)) {
    throw policyErrors.raise('FILE_TYPE_NOT_ALLOWED', `a policy document cannot be ${contentType}; allowed: ${POLICY_FILE_TYPES.join(', ')}`);
  }
  const decoded = decodeBase64File(file.contentBase64);
  if ('problem' in decoded) throw policyErrors.raise(decoded.problem, decoded.message);
  if (file.sha256 && file.sha256.toLowerCase() !== decoded.sha256) {
    throw policyErrors.raise('FILE_CHECKSUM_MISMATCH', `the file's SHA-256 is ${decoded.sha256}, not ${file.sha256.toLowerCase()}: it was damaged on the way`);
  }
  return {
    body: null,
    changeSummary,
    fileName: file.name.trim(),
    fileContentType: contentType,
    fileSha256: decoded.sha256,
    fileSize: decoded.bytes.length,
    fileContent: decoded.bytes,
  };
}

export class PolicyService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The organisation's policies matching the filters, by title then id (the same order on every call). */
  private filtered(organisationId: string, filter: PolicyFilter): SelectQueryBuilder<PolicyEntity> {
    const query = this.deps.dataSource
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId', { organisationId });
    if (filter.state === 'PUBLISHED') query.andWhere('p.published_version_id IS NOT NULL');
    if (filter.state === 'RETIRED') query.andWhere('p.published_version_id IS NULL AND p.retired_at IS NOT NULL');
    if (filter.state === 'NOT_PUBLISHED') query.andWhere('p.published_version_id IS NULL AND p.retired_at IS NULL');
    if (filter.controlId) query.andWhere(':controlId = ANY(p.control_ids)', { controlId: filter.controlId.trim() });
    const search = filter.search?.trim();
    if (search) query.andWhere('p.title ILIKE :search', { search: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return query.orderBy('lower(p.title)', 'ASC').addOrderBy('p.id', 'ASC');
  }

  list(organisationId: string, args: PoliciesArgs): Promise<PolicyEntity[]> {
    return this.filtered(organisationId, args).getMany();
  }

  /** One page of the filtered policies and their number over all pages. */
  async page(organisationId: string, args: PolicyPageArgs): Promise<{ nodes: PolicyEntity[]; totalCount: number }> {
    const [nodes, totalCount] = await this.filtered(organisationId, args).offset(args.offset).limit(args.first).getManyAndCount();
    return { nodes, totalCount };
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<PolicyEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(PolicyEntity), { organisationId }, ids);
  }

  /** Every version of the given policies, newest first, without file bytes: one query for a whole page of policies. */
  versionsOf(organisationId: string, policyIds: readonly string[]): Promise<PolicyVersionEntity[]> {
    return this.deps.dataSource.getRepository(PolicyVersionEntity).find({
      where: { organisationId, policyId: In([...policyIds]) },
      order: { major: 'DESC', minor: 'DESC' },
    });
  }

  versionsByIds(organisationId: string, ids: readonly string[]): Promise<PolicyVersionEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(PolicyVersionEntity), { organisationId }, ids);
  }

  /** Published policies whose review is due within `withinDays` from today, overdue ones included, soonest first. */
  dueForReview(organisationId: string, withinDays: number, today: Date = new Date()): Promise<PolicyEntity[]> {
    return this.deps.dataSource
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId AND p.published_version_id IS NOT NULL', { organisationId })
      .andWhere('p.review_due_on <= (:today::date + :withinDays::int)', { today: today.toISOString().slice(0, 10), withinDays })
      .orderBy('p.review_due_on', 'ASC')
      .addOrderBy('lower(p.title)', 'ASC')
      .getMany();
  }

  /** A version with its file bytes (only here: lists never load documents). */
  async versionFile(organisationId: string, versionId: string): Promise<PolicyVersionEntity> {
    const notFound = () => policyErrors.raise('POLICY_VERSION_NOT_FOUND', `policy version ${versionId} does not exist`);
    if (!isUUID(versionId)) throw notFound();
    const version = await this.deps.dataSource
      .getRepository(PolicyVersionEntity)
      .createQueryBuilder('v')
      .addSelect('v.fileContent')
      .where('v.id = :versionId AND v.organisation_id = :organisationId', { versionId, organisationId })
      .getOne();
    if (!version) throw notFound();
    return version;
  }

  /** A new policy with its first draft, version 1.0. */
  async create(input: CreatePolicyInput, claims: Claims, context: EventContext): Promise<PolicyEntity> {
    const title = checkedTitle(input.title);
    const audience = checkedAudience(input.audience);
    const controlIds = checkedControls(input.controlIds);
    const content = checkedContent(input.content);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        await this.assertTitleFree(manager, context.organisationId, title, null);
        const policy = await manager.save(
          manager.create(PolicyEntity, {
            organisationId: context.organisationId,
            title,
            approverRole: input.approverRole as PolicyApproverRole,
            audienceEveryone: audience.everyone,
            audienceUnitIds: audience.unitIds,
            audienceJobRoles: audience.jobRoles,
            controlIds,
            reviewIntervalMonths: input.reviewIntervalMonths,
            publishedVersionId: null,
            reviewDueOn: null,
            retiredAt: null,
            createdBy: claims.sub,
          }),
        );
        await this.insertVersion(manager, policy, { major: 1, minor: 0 }, content, claims);
        return policy;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'policy_org_title')) throw policyErrors.raise('POLICY_TITLE_TAKEN', `a policy titled "${title}" already exists`);
      throw error;
    }
  }

  /**
   * Settings apply from the next publication: the version in force keeps the audience it was published to. Whoever
   * changes them while a version is open (draft or waiting for approval) shapes what that version will put in force:
   * they become one of its contributors and cannot approve it.
   */
  async update(policyId: string, input: UpdatePolicyInput, context: EventContext): Promise<PolicyEntity> {
    const title = input.title != null ? checkedTitle(input.title) : null;
    const audience = input.audience ? checkedAudience(input.audience) : null;
    const controlIds = input.controlIds ? checkedControls(input.controlIds) : null;
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const policy = await this.lockPolicy(manager, context.organisationId, policyId);
        if (title) {
          await this.assertTitleFree(manager, context.organisationId, title, policy.id);
          policy.title = title;
        }
        if (input.approverRole) policy.approverRole = input.approverRole as PolicyApproverRole;
        if (audience) Object.assign(policy, { audienceEveryone: audience.everyone, audienceUnitIds: audience.unitIds, audienceJobRoles: audience.jobRoles });
        if (controlIds) policy.controlIds = controlIds;
        if (input.reviewIntervalMonths) policy.reviewIntervalMonths = input.reviewIntervalMonths;
        await manager.query(
          `UPDATE policy_version SET contributor_ids = array_append(contributor_ids, $2) WHERE policy_id = $1 AND status IN ('DRAFT', 'SUBMITTED') AND NOT ($2 = ANY(contributor_ids))`,
          [policy.id, context.actor],
        );
        return manager.save(policy);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'policy_org_title')) throw policyErrors.raise('POLICY_TITLE_TAKEN', `a policy titled "${title}" already exists`);
      throw error;
    }
  }

  /** A new draft after the highest existing version; only one version may be in the works at a time. */
  async draftVersion(input: DraftPolicyVersionInput, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    const content = checkedContent(input.content);
    return this.deps.dataSource.transaction(async (manager) => {
      const policy = await this.lockPolicy(manager, context.organisationId, input.policyId);
      const versions = await manager.find(PolicyVersionEntity, { where: { policyId: policy.id }, select: ['id', 'major', 'minor', 'status'] });
      const open = versions.find((version) => OPEN_STATUSES.includes(version.status));
      if (open) {
        throw policyErrors.raise(
          'VERSION_IN_PROGRESS',
          `version ${open.major}.${open.minor} of "${policy.title}" is still ${statusInWords(open.status)}: publish it or change that draft first`,
        );
      }
      return this.insertVersion(manager, policy, nextVersion(versions, input.bump), content, claims);
    });
  }

  /**
   * Replaces the content of a draft. A submitted version is locked while its approver reads it (return it to draft to
   * change it); an approved one is frozen (draft a new version instead). The reviser joins the version's contributors,
   * who may not approve it.
   */
  async reviseDraft(versionId: string, input: PolicyContentInput, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    const content = checkedContent(input);
    return this.deps.dataSource.transaction(async (manager) => {
      const version = await this.lockVersion(manager, context.organisationId, versionId);
      assertDraft(version, 'changed');
      Object.assign(version, content, { contributorIds: withContributor(version.contributorIds, claims.sub) });
      const saved = await manager.save(version);
      delete saved.fileContent;
      return saved;
    });
  }

  /**
   * The programme manager sends a complete draft to the policy's approver role; it is locked while it waits. A
   * returned draft is submitted again the same way (the previous return comment is cleared).
   */
  async submit(versionId: string, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const { policy, version } = await this.lockVersionAndPolicy(manager, context.organisationId, versionId);
      assertDraft(version, 'submitted');
      if (!version.body?.trim() && !version.fileSha256) {
        throw policyErrors.raise('CONTENT_REQUIRED', `version ${formatVersion(version)} of "${policy.title}" has no content: write its text or upload its document before submitting it`);
      }
      Object.assign(version, { status: 'SUBMITTED', submittedAt: new Date(), submittedById: claims.sub, submittedByName: claims.name, returnComment: null, returnedAt: null, returnedByName: null });
      return manager.save(version);
    });
  }

  /**
   * Sends a submitted version back to draft with the reason: its approver role returns it, or a programme manager
   * withdraws it to change something. The comment is required, so the author knows what to change.
   */
  async returnToDraft(versionId: string, comment: string, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    const reason = comment.trim();
    if (reason === '') {
      throw policyErrors.raise('RETURN_COMMENT_REQUIRED', 'say why the version goes back to draft, so its author knows what to change', { field: 'comment' });
    }
    if (reason.length > RETURN_COMMENT_MAX) {
      throw policyErrors.raise('RETURN_COMMENT_REQUIRED', `the reason may have at most ${RETURN_COMMENT_MAX} characters; it has ${reason.length}`, { field: 'comment' });
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const { policy, version } = await this.lockVersionAndPolicy(manager, context.organisationId, versionId);
      const roles = claims.roles as string[];
      if (!roles.includes(policy.approverRole) && !hasAnyRole(claims, PROGRAMME_MANAGERS)) {
        throw policyErrors.raise(
          'APPROVER_ROLE_REQUIRED',
          `only someone holding the ${policy.approverRole} role, or a programme manager, may return "${policy.title}" to draft; you hold ${claims.roles.join(', ')}`,
        );
      }
      assertSubmitted(version, 'returned to draft');
      Object.assign(version, { status: 'DRAFT', returnComment: reason, returnedAt: new Date(), returnedByName: claims.name });
      return manager.save(version);
    });
  }

  /**
   * Approval of a submitted version by a holder of the role the policy names, who neither wrote, revised nor submitted
   * it (segregation of duties: a reviser is an author too). Records who approved, as which role, and when.
   */
  async approve(versionId: string, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const { policy, version } = await this.lockVersionAndPolicy(manager, context.organisationId, versionId);
      if (!(claims.roles as string[]).includes(policy.approverRole)) {
        throw policyErrors.raise(
          'APPROVER_ROLE_REQUIRED',
          `"${policy.title}" must be approved by someone holding the ${policy.approverRole} role; you hold ${claims.roles.join(', ')}`,
        );
      }
      if (version.authorId === claims.sub) {
        throw policyErrors.raise('SEGREGATION_OF_DUTIES', `you wrote version ${formatVersion(version)} of "${policy.title}" and cannot approve it yourself`);
      }
      if (version.contributorIds.includes(claims.sub)) {
        throw policyErrors.raise(
          'SEGREGATION_OF_DUTIES',
          `you revised version ${formatVersion(version)} of "${policy.title}" (its text or the policy's settings) and cannot approve it yourself`,
        );
      }
      assertSubmitted(version, 'approved');
      if (version.submittedById === claims.sub) {
        throw policyErrors.raise('SEGREGATION_OF_DUTIES', `you submitted version ${formatVersion(version)} of "${policy.title}" for approval and cannot approve it yourself`);
      }
      Object.assign(version, { status: 'APPROVED', approvedById: claims.sub, approvedByName: claims.name, approvedAsRole: policy.approverRole, approvedAt: new Date() });
      return manager.save(version);
    });
  }

  /**
   * Puts an approved version in force: the version it replaces is retired, the review date restarts, and
   * controls.policy.published is recorded in the same transaction (flow 6).
   */
  async publish(versionId: string, claims: Claims, context: EventContext): Promise<PolicyVersionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const { policy, version } = await this.lockVersionAndPolicy(manager, context.organisationId, versionId);
      if (version.status !== 'APPROVED') {
        throw policyErrors.raise(
          'VERSION_NOT_APPROVED',
          `version ${formatVersion(version)} is ${statusInWords(version.status)}: only an approved version can be published`,
        );
      }
      const previous = await manager.findOne(PolicyVersionEntity, {
        where: { policyId: policy.id, status: In(['PUBLISHED', 'RETIRED']) },
        order: { publishedAt: 'DESC' },
        select: ['id', 'major', 'minor', 'status'],
      });
      const now = new Date();
      if (previous?.status === 'PUBLISHED') {
        await manager.update(PolicyVersionEntity, { id: previous.id }, { status: 'RETIRED', retiredAt: now });
      }
      Object.assign(version, { status: 'PUBLISHED', publishedAt: now, publishedById: claims.sub });
      const saved = await manager.save(version);
      Object.assign(policy, { publishedVersionId: saved.id, reviewDueOn: reviewDueOn(now, policy.reviewIntervalMonths), retiredAt: null });
      await manager.save(policy);
      const major = isMajorChange(previous ? ({ major: previous.major, minor: previous.minor } as VersionNumber) : null, saved);
      await this.deps.outbox.record(manager, PolicyPublished, policy.id, toPolicyPublishedData(policy, saved, major), context);
      return saved;
    });
  }

  /** Withdraws a policy: its published version is retired and no review is due any more. */
  async retire(policyId: string, context: EventContext): Promise<PolicyEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const policy = await this.lockPolicy(manager, context.organisationId, policyId);
      if (!policy.publishedVersionId) throw policyErrors.raise('NOTHING_PUBLISHED', `"${policy.title}" has no published version to retire`);
      const now = new Date();
      await manager.update(PolicyVersionEntity, { id: policy.publishedVersionId }, { status: 'RETIRED', retiredAt: now });
      Object.assign(policy, { publishedVersionId: null, reviewDueOn: null, retiredAt: now });
      return manager.save(policy);
    });
  }

  private async insertVersion(manager: EntityManager, policy: PolicyEntity, number: VersionNumber, content: VersionContent, claims: Claims) {
    const saved = await manager.save(
      manager.create(PolicyVersionEntity, {
        organisationId: policy.organisationId,
        policyId: policy.id,
        major: number.major,
        minor: number.minor,
        status: 'DRAFT',
        ...content,
        authorId: claims.sub,
        authorName: claims.name,
        contributorIds: [claims.sub],
        submittedAt: null,
        submittedById: null,
        submittedByName: null,
        returnComment: null,
        returnedAt: null,
        returnedByName: null,
        approvedById: null,
        approvedByName: null,
        approvedAsRole: null,
        approvedAt: null,
        publishedById: null,
        publishedAt: null,
        retiredAt: null,
      }),
    );
    delete saved.fileContent;
    return saved;
  }

  private async assertTitleFree(manager: EntityManager, organisationId: string, title: string, except: string | null): Promise<void> {
    const rows: { id: string }[] = await manager.query('SELECT id FROM policy WHERE organisation_id = $1 AND lower(title) = lower($2)', [organisationId, title]);
    if (rows.some((row) => row.id !== except)) throw policyErrors.raise('POLICY_TITLE_TAKEN', `a policy titled "${title}" already exists`);
  }

  private async lockPolicy(manager: EntityManager, organisationId: string, policyId: string): Promise<PolicyEntity> {
    const notFound = () => policyErrors.raise('POLICY_NOT_FOUND', `policy ${policyId} does not exist`);
    if (!isUUID(policyId)) throw notFound();
    const policy = await manager
      .getRepository(PolicyEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :policyId AND p.organisation_id = :organisationId', { policyId, organisationId })
      .getOne();
    if (!policy) throw notFound();
    return policy;
  }

  /** Locks in one order everywhere (policy, then version), so concurrent changes of one policy cannot deadlock. */
  private async lockVersionAndPolicy(manager: EntityManager, organisationId: string, versionId: string) {
    const notFound = () => policyErrors.raise('POLICY_VERSION_NOT_FOUND', `policy version ${versionId} does not exist`);
    if (!isUUID(versionId)) throw notFound();
    const found = await manager.findOne(PolicyVersionEntity, { where: { id: versionId, organisationId }, select: ['id', 'policyId'] });
    if (!found) throw notFound();
    const policy = await this.lockPolicy(manager, organisationId, found.policyId);
    const version = await this.lockVersion(manager, organisationId, versionId);
    return { policy, version };
  }

  private async lockVersion(manager: EntityManager, organisationId: string, versionId: string): Promise<PolicyVersionEntity> {
    const notFound = () => policyErrors.raise('POLICY_VERSION_NOT_FOUND', `policy version ${versionId} does not exist`);
    if (!isUUID(versionId)) throw notFound();
    const version = await manager
      .getRepository(PolicyVersionEntity)
      .createQueryBuilder('v')
      .setLock('pessimistic_write')
      .where('v.id = :versionId AND v.organisation_id = :organisationId', { versionId, organisationId })
      .getOne();
    if (!version) throw notFound();
    return version;
  }
}
