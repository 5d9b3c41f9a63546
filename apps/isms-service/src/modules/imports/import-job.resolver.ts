import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { IsmsConfig } from '../../config';
import { IdArgs } from '../shared/id.args';
import { importJobErrors } from './import-job.errors';
import { ImportErrorsArgs, StartImportInput } from './import-job.input';
import { toImportJobType, toImportRowErrorType } from './import-job.mapper';
import { ImportJobService } from './import-job.service';
import { ImportJobType, ImportRowErrorType } from './import-job.type';

@Resolver(() => ImportJobType)
export class ImportJobResolver {
  private readonly service: ImportJobService;

  constructor(deps: ServiceDeps<IsmsConfig>) {
    this.service = new ImportJobService(deps);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers import the organisation register')
  @Mutation(() => ImportJobType, {
    description: 'Imports people or units from a CSV or XLSX file (base64). Returns at once with a QUEUED job; poll importJob for progress and the report.',
  })
  async startOrganisationImport(@Arg('input') input: StartImportInput, @Ctx() context: RequestContext): Promise<ImportJobType> {
    return toImportJobType(await this.service.start(input, { organisationId: context.claims.organisationId, actor: context.claims.sub }));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'import jobs of the organisation register (programme managers)')
  @Query(() => ImportJobType, { description: 'One import job: status, progress, counts and the per-row validation report.' })
  async importJob(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<ImportJobType> {
    const job = await this.service.get(context.claims.organisationId, id);
    if (!job) throw importJobErrors.raise('IMPORT_JOB_NOT_FOUND', `import job ${id} does not exist`);
    return toImportJobType(job);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'import jobs of the organisation register (programme managers)')
  @Query(() => [ImportJobType], { description: 'The latest import jobs, newest first.' })
  async importJobs(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() context: RequestContext): Promise<ImportJobType[]> {
    return (await this.service.list(context.claims.organisationId, Math.max(1, Math.min(first, 100)))).map(toImportJobType);
  }

  @Scoped(ScopeRule.Parent, "the job's own row report")
  @FieldResolver(() => [ImportRowErrorType], { description: 'Rows that were not applied and why, by row number.' })
  async errors(@Root() job: ImportJobType, @Args() args: ImportErrorsArgs): Promise<ImportRowErrorType[]> {
    return (await this.service.errors(job.id, args)).map(toImportRowErrorType);
  }
}
