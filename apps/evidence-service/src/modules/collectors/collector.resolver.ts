import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { ConfigureCollectorInput, CollectorRunsArgs } from './collector.input';
import { toCollectorConfigurationType, toCollectorRunType, toEvidenceCollectorType } from './collector.mapper';
import { collectorRegistryOf } from './collector.registry';
import { assertMayConfigureFor } from './collector.scope';
import { CollectorService } from './collector.service';
import { CollectorConfigurationType, CollectorRunConnectionType, CollectorRunType, EvidenceCollectorType } from './collector.type';

const MANAGED = 'programme managers (admin, ISMS manager) reach the whole organisation: every configuration and run of it';

@Resolver()
export class CollectorResolver {
  constructor(private readonly deps: ServiceDeps<EvidenceConfig>) {}

  private async service(): Promise<CollectorService> {
    return new CollectorService(this.deps, await collectorRegistryOf(this.deps.config).ready);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Organisation, 'the collectors installed in this service, the same for every internal reader')
  @Query(() => [EvidenceCollectorType], { description: 'The collectors that can be configured, with their configuration schemas (JSON Schema).' })
  async evidenceCollectors(): Promise<EvidenceCollectorType[]> {
    return (await this.service()).collectors().map(toEvidenceCollectorType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, MANAGED)
  @Query(() => [CollectorConfigurationType], { description: "The organisation's collector configurations (secrets redacted)." })
  async collectorConfigurations(@Arg('collectorId', () => String, { nullable: true }) collectorId: string | null, @Ctx() context: RequestContext): Promise<CollectorConfigurationType[]> {
    return (await (await this.service()).configurations(context.claims.organisationId, collectorId)).map(toCollectorConfigurationType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, `${MANAGED}; newest first, with each failure's reason`)
  @Query(() => CollectorRunConnectionType, { description: "A collector's runs, newest first: outcome, reason, the evidence recorded." })
  async collectorRuns(@Args() args: CollectorRunsArgs, @Ctx() context: RequestContext): Promise<CollectorRunConnectionType> {
    const page = await (await this.service()).runs(context.claims.organisationId, args, args);
    return Object.assign(new CollectorRunConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toCollectorRunType) });
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Units, `${MANAGED}; the unit must be one the caller reaches (OUT_OF_SCOPE otherwise, nothing written)`)
  @Mutation(() => CollectorConfigurationType, { description: "Creates or changes a collector configuration; bad settings are refused naming each field." })
  async configureCollector(@Arg('input') input: ConfigureCollectorInput, @Ctx() context: RequestContext): Promise<CollectorConfigurationType> {
    assertMayConfigureFor(context.access, input.unitId);
    return toCollectorConfigurationType(await (await this.service()).configure(input, { claims: context.claims, access: context.access }, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, MANAGED)
  @Mutation(() => CollectorRunType, { description: 'Runs a configuration now and answers with the finished run (its evidence awaits review like any other).' })
  async runCollectorNow(@Arg('configurationId', () => ID) configurationId: string, @Ctx() context: RequestContext): Promise<CollectorRunType> {
    return toCollectorRunType(await (await this.service()).runNow(configurationId, { claims: context.claims, access: context.access }));
  }
}
