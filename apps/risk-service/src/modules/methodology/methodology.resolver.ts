import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { PublishMethodologyInput } from './methodology.input';
import { toMethodologyType } from './methodology.mapper';
import { MethodologyService } from './methodology.service';
import { MethodologyType } from './methodology.type';

@Resolver(() => MethodologyType)
export class MethodologyResolver {
  private readonly service: MethodologyService;

  constructor(deps: ServiceDeps) {
    this.service = new MethodologyService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "the organisation's methodology (scales, levels, appetite): the same for every reader")
  @Query(() => MethodologyType, { nullable: true, description: 'A version of the risk methodology; the current one when no version is given.' })
  async riskMethodology(@Arg('version', () => Int, { nullable: true }) version: number | null, @Ctx() context: RequestContext): Promise<MethodologyType | null> {
    if (version == null) return toMethodologyType((await this.service.currentForRead(context.claims.organisationId)).entity);
    const entity = await this.service.entityByVersion(context.claims.organisationId, version);
    return entity ? toMethodologyType(entity) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'every published version of the methodology: the same for every reader')
  @Query(() => [MethodologyType], { description: 'Every published version, newest first.' })
  async riskMethodologyVersions(@Ctx() context: RequestContext): Promise<MethodologyType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toMethodologyType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'the methodology and appetite are organisation data: programme managers only')
  @Mutation(() => MethodologyType, { description: 'Publishes a new version of the methodology. Existing assessments keep their version.' })
  async publishRiskMethodology(@Arg('input') input: PublishMethodologyInput, @Ctx() context: RequestContext): Promise<MethodologyType> {
    return toMethodologyType(await this.service.publish(input, eventContext(context)));
  }
}
