import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceFileError } from './evidence-file.errors';
import { toEvidenceFileType } from './evidence-file.mapper';
import { EvidenceFileService } from './evidence-file.service';
import { EvidenceFileType } from './evidence-file.type';
import { fileStoreFor } from './file-store.factory';

@Resolver(() => EvidenceFileType)
export class EvidenceFileResolver {
  private readonly service: EvidenceFileService;

  constructor(deps: ServiceDeps<EvidenceConfig>) {
    this.service = new EvidenceFileService(deps.dataSource, fileStoreFor(deps.config), deps.config, deps.logger);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Units,
    "a file of the caller's units (organisation-wide roles: all), their own uploads, or referenced by evidence they may read; an external auditor only files of the grant's units and period; anything else is null",
  )
  @Query(() => EvidenceFileType, { nullable: true, description: 'One evidence file\'s metadata, or null when there is none that you may read.' })
  async evidenceFile(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EvidenceFileType | null> {
    try {
      return toEvidenceFileType(await this.service.findReadable(id, context.claims, context.access));
    } catch (error) {
      if (error instanceof EvidenceFileError && error.code === 'FILE_NOT_FOUND') return null;
      throw error;
    }
  }
}
