import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, Role } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { controlRef, ControlRefType } from '../controls/control.type';
import { personRef, PersonRefType } from '../people/person.type';
import { CreateRiskInput, RiskArgs, TreatRiskInput } from './risk.input';
import { toRiskType } from './risk.mapper';
import { riskLoader } from './risk.reference';
import { RiskService } from './risk.service';
import { RiskType } from './risk.type';

/** Who may change the register. */
export const RISK_EDITORS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.RiskOwner];

@Resolver(() => RiskType)
export class RiskResolver {
  private readonly service: RiskService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new RiskService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => [RiskType], { description: 'The risk register, highest inherent score first, then by title.' })
  async risks(@Ctx() context: RequestContext): Promise<RiskType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toRiskType);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => RiskType, { nullable: true })
  async risk(@Args() args: RiskArgs, @Ctx() context: RequestContext): Promise<RiskType | null> {
    const risk = await riskLoader(this.deps, context).load(args.id);
    return risk ? toRiskType(risk) : null;
  }

  @Authorized(RISK_EDITORS)
  @Mutation(() => RiskType)
  async createRisk(@Arg('input') input: CreateRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.create(input, eventContext(context)));
  }

  @Authorized(RISK_EDITORS)
  @Mutation(() => RiskType, { description: 'Records the treatment decision; MODIFY links the Annex A controls that modify the risk.' })
  async treatRisk(@Arg('input') input: TreatRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.treat(input, eventContext(context)));
  }

  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() risk: RiskType): PersonRefType | null {
    return personRef(risk.ownerId);
  }

  @FieldResolver(() => [ControlRefType])
  controls(@Root() risk: RiskType): ControlRefType[] {
    return risk.controlIds.map(controlRef);
  }
}
