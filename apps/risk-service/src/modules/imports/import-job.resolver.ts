import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RISK_EDITORS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ImportJobEntity } from './import-job.entity';
import { ImportJobService } from './import-job.service';
import { ImportJobType, ImportRowErrorType, RiskImportFormat, RiskImportKind, RiskImportStatus, StartImportInput } from './import-job.type';

function toImportJobType(entity: ImportJobEntity): ImportJobType {
  return Object.assign(new ImportJobType(), {
    id: entity.id,
    kind: entity.kind as RiskImportKind,
    format: entity.format as RiskImportFormat,
    filename: entity.filename,
    dryRun: entity.dryRun,
    status: entity.status as RiskImportStatus,
    totalRows: entity.totalRows,
    processedRows: entity.processedRows,
    importedRows: entity.importedRows,
    errorRows: entity.errorRows,
    errors: entity.errors.map((e) => Object.assign(new ImportRowErrorType(), e)),
    failure: entity.failure,
    createdAt: entity.createdAt,
    finishedAt: entity.finishedAt,
  });
}

@Resolver(() => ImportJobType)
export class ImportJobResolver {
  private readonly service: ImportJobService;

  constructor(deps: ServiceDeps) {
    this.service = new ImportJobService(deps);
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, "each row only into one of the importer's units (without a unit: organisation-wide roles, or the importer as owner); other rows are reported as errors and not written")
  @Mutation(() => ImportJobType, { description: 'Starts an import of risks or assets from CSV/XLSX; poll riskImportJob for progress and the per-row report.' })
  async startRiskImport(@Arg('input') input: StartImportInput, @Ctx() context: RequestContext): Promise<ImportJobType> {
    return toImportJobType(await this.service.start(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Own, "a job the caller started (null otherwise); organisation-wide roles any job")
  @Query(() => ImportJobType, { nullable: true })
  async riskImportJob(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ImportJobType | null> {
    const job = await this.service.find(context.claims.organisationId, id, context.claims.sub, context.access);
    return job ? toImportJobType(job) : null;
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Own, "the jobs the caller started; organisation-wide roles everyone's")
  @Query(() => [ImportJobType], { description: 'The latest 50 imports, newest first.' })
  async riskImportJobs(@Ctx() context: RequestContext): Promise<ImportJobType[]> {
    return (await this.service.list(context.claims.organisationId, context.claims.sub, context.access)).map(toImportJobType);
  }
}
