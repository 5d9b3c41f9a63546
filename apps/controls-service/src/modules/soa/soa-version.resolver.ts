import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, PUBLICATION_APPROVERS, ScopeRule } from '@iso27001/authz';
import { eventContext, oneToOneLoader, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { snapshotToSoaEntryType } from './soa-entry.mapper';
import { SoaEntryType } from './soa-entry.type';
import { toSoaScopeType, toSoaVersionDiffType, toSoaVersionSubmissionType, toSoaVersionType } from './soa-version.mapper';
import { SoaVersionService } from './soa-version.service';
import { SoaScopeType, SoaSubmissionStatusType, SoaVersionDiffType, SoaVersionSubmissionType, SoaVersionType } from './soa-version.type';
import { SoaExportService } from './export/soa-export.service';
import { SoaExportFileType, SoaExportFormatType } from './export/soa-export.type';

@Resolver(() => SoaVersionType)
export class SoaVersionResolver {
  private readonly versions: SoaVersionService;
  private readonly exports: SoaExportService;

  constructor(deps: ServiceDeps) {
    this.versions = new SoaVersionService(deps);
    this.exports = new SoaExportService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the approved ISMS scope: organisation data')
  @Query(() => SoaScopeType, { nullable: true, description: 'The approved ISMS scope the SoA applies to (null until one is approved).' })
  async soaScope(@Ctx() context: RequestContext): Promise<SoaScopeType | null> {
    const scope = await this.versions.scope(context.claims.organisationId);
    return scope ? toSoaScopeType(scope) : null;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the whole SoA, submitted by programme managers (organisation-wide) only; nothing is published until someone else approves')
  @Mutation(() => SoaVersionSubmissionType, { description: 'Submits the current SoA (all 93 entries) for approval as the next version; one submission awaits approval at a time.' })
  async submitSoaVersion(@Arg('note') note: string, @Ctx() context: RequestContext): Promise<SoaVersionSubmissionType> {
    return toSoaVersionSubmissionType(await this.versions.submit(note, context.claims, eventContext(context)));
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, "a submission of the organisation's SoA, never by its submitter nor by anyone who changed an entry since the last version (SELF_APPROVAL)")
  @Mutation(() => SoaVersionType, { description: 'Approves the submitted SoA and publishes it as the next version; auditors then see it.' })
  async approveSoaVersion(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<SoaVersionType> {
    return toSoaVersionType(await this.versions.approve(id, context.claims, eventContext(context)));
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, "a submission of the organisation's SoA; its submitter may withdraw it this way")
  @Mutation(() => SoaVersionSubmissionType, { description: 'Rejects the submitted SoA with a reason; nothing is published.' })
  async rejectSoaVersion(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() context: RequestContext): Promise<SoaVersionSubmissionType> {
    return toSoaVersionSubmissionType(await this.versions.reject(id, reason, context.claims, eventContext(context)));
  }

  @Authorized(PUBLICATION_APPROVERS)
  @Scoped(ScopeRule.Organisation, 'submissions of the SoA are organisation data: programme managers and top management, who submit and approve them')
  @Query(() => [SoaVersionSubmissionType], { description: 'SoA submissions, newest first; the one SUBMITTED awaits approval.' })
  async soaVersionSubmissions(
    @Arg('status', () => SoaSubmissionStatusType, { nullable: true }) status: SoaSubmissionStatusType | null,
    @Ctx() context: RequestContext,
  ): Promise<SoaVersionSubmissionType[]> {
    return (await this.versions.submissions(context.claims.organisationId, status)).map(toSoaVersionSubmissionType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'published SoA versions: organisation data, the same for every reader')
  @Query(() => [SoaVersionType], { description: 'Published versions, newest first.' })
  async soaVersions(@Ctx() context: RequestContext): Promise<SoaVersionType[]> {
    return (await this.versions.list(context.claims.organisationId)).map(toSoaVersionType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'a published SoA version: organisation data')
  @Query(() => SoaVersionType)
  async soaVersion(@Arg('number', () => Int) number: number, @Ctx() context: RequestContext): Promise<SoaVersionType> {
    return toSoaVersionType(await this.versions.get(context.claims.organisationId, number));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the latest published SoA version: organisation data')
  @Query(() => SoaVersionType, { nullable: true, description: 'The latest published version: the SoA auditors see (null before the first publication).' })
  async publishedStatementOfApplicability(@Ctx() context: RequestContext): Promise<SoaVersionType | null> {
    const latest = await this.versions.latest(context.claims.organisationId);
    return latest ? toSoaVersionType(latest) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'differences between published versions: organisation data')
  @Query(() => SoaVersionDiffType, { description: 'Per control, what changed between two published versions and the reasons recorded for it.' })
  async diffSoaVersions(@Arg('from', () => Int) from: number, @Arg('to', () => Int) to: number, @Ctx() context: RequestContext): Promise<SoaVersionDiffType> {
    return toSoaVersionDiffType(await this.versions.diff(context.claims.organisationId, from, to));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Units,
    "the SoA rows are organisation data; the implementations the export lists (XLSX sheet, PDF lines, unit counts) are only those of the caller's units and those they own",
  )
  @Query(() => SoaExportFileType, { description: "Exports a published version, or the live SoA when `version` is omitted; with the implementations within the caller's units." })
  async exportStatementOfApplicability(
    @Arg('format', () => SoaExportFormatType) format: SoaExportFormatType,
    @Ctx() context: RequestContext,
    @Arg('version', () => Int, { nullable: true }) version?: number | null,
  ): Promise<SoaExportFileType> {
    const file = await this.exports.export(context.claims.organisationId, format, version ?? null, context.access);
    return Object.assign(new SoaExportFileType(), { filename: file.filename, contentType: file.contentType, base64: file.content.toString('base64') });
  }

  /** List queries leave entries out; they are loaded in one query for all versions asked for. */
  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, 'the entries of a published version already allowed (its snapshot)')
  @FieldResolver(() => [SoaEntryType])
  async entries(@Root() version: SoaVersionType, @Ctx() context: RequestContext): Promise<SoaEntryType[]> {
    if (version.entries) return version.entries;
    const loaded = await oneToOneLoader(
      context,
      'soaVersionEntries',
      (numbers: readonly number[]) => this.versions.withEntries(context.claims.organisationId, numbers),
      (candidate) => candidate.number,
    ).load(version.number);
    return (loaded?.entries ?? []).map(snapshotToSoaEntryType);
  }
}

