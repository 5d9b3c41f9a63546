import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { toStage1GenerationType, toStage1PackType } from './stage1-pack.mapper';
import { STAGE1_PACK_READERS } from './stage1-pack.scope';
import { Stage1PackService } from './stage1-pack.service';
import { Stage1GenerationType, Stage1PackType } from './stage1-pack.type';

@Resolver(() => Stage1PackType)
export class Stage1PackResolver {
  private readonly service: Stage1PackService;

  constructor(deps: ServiceDeps) {
    this.service = new Stage1PackService(deps as ServiceDeps<EvidenceConfig>);
  }

  @Authorized(STAGE1_PACK_READERS)
  @Scoped(
    ScopeRule.Units,
    "programme managers: the pack of any approved scope version; an external auditor: only a version whose units the grant covers (else not found), with only the accepted evidence of the grant's units and period",
  )
  @Query(() => Stage1PackType, { description: 'The Stage 1 pack of an approved ISMS scope version (the current one by default): the 17 artefacts with status and evidence.' })
  async stage1Pack(@Arg('scopeVersionId', () => ID, { nullable: true }) scopeVersionId: string | null, @Ctx() context: RequestContext): Promise<Stage1PackType> {
    return toStage1PackType(await this.service.pack({ claims: context.claims, access: context.access }, scopeVersionId));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "generates the organisation's documents into its root unit; each new version awaits review by someone other than its generator")
  @Mutation(() => Stage1GenerationType, {
    description:
      'Generates every Stage 1 document the platform holds data for (a new dated version only where the content changed) and says which artefacts stay manual.',
  })
  async generateStage1Documents(@Ctx() context: RequestContext): Promise<Stage1GenerationType> {
    return toStage1GenerationType(await this.service.generate({ claims: context.claims, access: context.access }, eventContext(context)));
  }
}
