import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, RISK_ACCEPTANCE_SIGNERS, RISK_EDITORS, ScopeRule, withinGrantPeriod } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { assetLoader } from '../assets/asset.reference';
import { toAssetType } from '../assets/asset.mapper';
import { AssetType } from '../assets/asset.type';
import { controlRef, ControlRefType } from '../controls/control.type';
import { OrgUnitRefType, personRef, PersonRefType, unitRef } from '../people/person.type';
import { AcceptResidualRiskInput, AddRiskActionInput, CreateRiskInput, ReassessRiskInput, RiskArgs, RiskRegisterArgs, TreatRiskInput, UpdateRiskActionInput, UpdateRiskInput } from './risk.input';
import { toActionType, toAssessmentType, toRiskType } from './risk.mapper';
import { riskActionsLoader, riskAssessmentsLoader, riskAssetIdsLoader, riskLoader } from './risk.reference';
import { RiskService } from './risk.service';
import { HeatMapCellType, HeatMapType, RiskAcceptanceType, RiskActionType, RiskAssessmentType, RiskConnectionType, RiskPageInfoType, RiskType } from './risk.type';

@Resolver(() => RiskType)
export class RiskResolver {
  private readonly service: RiskService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new RiskService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "risks of the caller's units (sub-units included) and those they own; organisation-wide roles the whole register")
  @Query(() => [RiskType], { description: 'The whole register, highest current level and score first, then by title. Prefer riskRegister for large registers.' })
  async risks(@Ctx() context: RequestContext): Promise<RiskType[]> {
    return (await this.service.list(context.claims.organisationId, context.access)).map(toRiskType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "the register filtered in SQL to the caller's units and own risks before the caller's filter; pages and totalCount count only those")
  @Query(() => RiskConnectionType, { description: 'The register filtered, sorted and paginated (cursor or offset), with the total count.' })
  async riskRegister(@Args() args: RiskRegisterArgs, @Ctx() context: RequestContext): Promise<RiskConnectionType> {
    const page = await this.service.register(context.claims.organisationId, args, context.access);
    return Object.assign(new RiskConnectionType(), {
      nodes: page.risks.map(toRiskType),
      totalCount: page.totalCount,
      pageInfo: Object.assign(new RiskPageInfoType(), { hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
    });
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, 'a risk outside the caller\'s reach is null, as if it did not exist')
  @Query(() => RiskType, { nullable: true })
  async risk(@Args() args: RiskArgs, @Ctx() context: RequestContext): Promise<RiskType | null> {
    const risk = await riskLoader(this.deps, context).load(args.id);
    return risk ? toRiskType(risk) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "counts only the open risks of the caller's units and those they own")
  @Query(() => HeatMapType, { description: 'Open risks per likelihood × impact cell of the current methodology, inherent and residual.' })
  async riskHeatMap(@Ctx() context: RequestContext): Promise<HeatMapType> {
    const map = await this.service.heatMap(context.claims.organisationId, context.access);
    const cells = (list: typeof map.inherent) => list.map((c) => Object.assign(new HeatMapCellType(), c));
    return Object.assign(new HeatMapType(), {
      methodologyVersion: map.version,
      inherent: cells(map.inherent),
      residual: cells(map.residual),
      inherentOnOtherVersions: map.inherentOther,
      residualOnOtherVersions: map.residualOther,
    });
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'only into one of the caller\'s units (without a unit: organisation-wide roles, or the caller as its owner); linked assets must be in reach; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskType, { description: 'Adds a risk assessed under the current methodology version.' })
  async createRisk(@Arg('input') input: CreateRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.create(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'a risk of the caller\'s units or owned by them, moved only into one of their units; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskType, { description: 'Changes a risk; only a programme manager may change its owner.' })
  async updateRisk(@Arg('input') input: UpdateRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.update(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'a risk of the caller\'s units or owned by them; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskType, { description: 'Records the treatment decision; MODIFY links the Annex A controls that modify the risk.' })
  async treatRisk(@Arg('input') input: TreatRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.treat(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'a risk of the caller\'s units or owned by them; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskType, { description: 'Records a new inherent or residual assessment under the current methodology version, keeping the history.' })
  async reassessRisk(@Arg('input') input: ReassessRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.reassess(input, eventContext(context), context.access));
  }

  @Authorized(RISK_ACCEPTANCE_SIGNERS)
  @Scoped(ScopeRule.Units, 'a risk of the caller\'s units or owned by them (OUT_OF_SCOPE otherwise), and then only by its owner')
  @Mutation(() => RiskType, {
    description: 'The risk owner (and only the owner) accepts the residual risk, assessed by someone else after they became its owner; who and when are recorded.',
  })
  async acceptResidualRisk(@Arg('input') input: AcceptResidualRiskInput, @Ctx() context: RequestContext): Promise<RiskType> {
    return toRiskType(await this.service.accept(input, context.claims, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'an action of a risk of the caller\'s units or owned by them; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskActionType)
  async addRiskAction(@Arg('input') input: AddRiskActionInput, @Ctx() context: RequestContext): Promise<RiskActionType> {
    return toActionType(await this.service.addAction(input, eventContext(context), context.access));
  }

  @Authorized(RISK_EDITORS)
  @Scoped(ScopeRule.Units, 'an action of a risk of the caller\'s units or owned by them; else OUT_OF_SCOPE, nothing written')
  @Mutation(() => RiskActionType)
  async updateRiskAction(@Arg('input') input: UpdateRiskActionInput, @Ctx() context: RequestContext): Promise<RiskActionType> {
    return toActionType(await this.service.updateAction(input, eventContext(context), context.access));
  }

  @Scoped(ScopeRule.Parent, 'the id of the risk\'s owner; isms-service resolves the person')
  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() risk: RiskType): PersonRefType | null {
    return personRef(risk.ownerId);
  }

  @Scoped(ScopeRule.Parent, 'the id of the risk\'s unit')
  @FieldResolver(() => OrgUnitRefType, { nullable: true })
  unit(@Root() risk: RiskType): OrgUnitRefType | null {
    return unitRef(risk.unitId);
  }

  @Scoped(ScopeRule.Parent, 'Annex A control ids of the treatment (catalogue entries)')
  @FieldResolver(() => [ControlRefType])
  controls(@Root() risk: RiskType): ControlRefType[] {
    return risk.controlIds.map(controlRef);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, 'linked assets filtered like riskAssets: only those of the caller\'s units or owned by them')
  @FieldResolver(() => [AssetType])
  async assets(@Root() risk: RiskType, @Ctx() context: RequestContext): Promise<AssetType[]> {
    const ids = await riskAssetIdsLoader(this.deps, context).load(risk.id);
    const assets = await assetLoader(this.deps, context).loadMany(ids);
    return assets.flatMap((a) => (a && !(a instanceof Error) ? [toAssetType(a)] : [])).sort((a, b) => a.name.localeCompare(b.name));
  }

  @Scoped(ScopeRule.Parent, "the planned actions of the risk already allowed; an external auditor only those due within the grant's period")
  @FieldResolver(() => [RiskActionType], { description: 'Planned actions, by due date.' })
  async actions(@Root() risk: RiskType, @Ctx() context: RequestContext): Promise<RiskActionType[]> {
    return (await riskActionsLoader(this.deps, context).load(risk.id)).filter((action) => withinGrantPeriod(context.claims, action.dueOn)).map(toActionType);
  }

  @Scoped(ScopeRule.Parent, "the assessment history of the risk already allowed; an external auditor only assessments made within the grant's period")
  @FieldResolver(() => [RiskAssessmentType], { description: 'Every assessment, oldest first.' })
  async assessments(@Root() risk: RiskType, @Ctx() context: RequestContext): Promise<RiskAssessmentType[]> {
    return (await riskAssessmentsLoader(this.deps, context).load(risk.id)).filter((assessment) => withinGrantPeriod(context.claims, assessment.assessedAt)).map(toAssessmentType);
  }

  @Scoped(ScopeRule.Parent, "the acceptance of the risk already allowed; null for an external auditor when it was signed outside the grant's period")
  @FieldResolver(() => RiskAcceptanceType, { nullable: true })
  acceptance(@Root() risk: RiskType, @Ctx() context: RequestContext): RiskAcceptanceType | null {
    return risk.acceptance && withinGrantPeriod(context.claims, risk.acceptance.acceptedAt) ? risk.acceptance : null;
  }
}

@Resolver(() => RiskActionType)
export class RiskActionResolver {
  @Scoped(ScopeRule.Parent, 'the id of the action\'s owner')
  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() action: RiskActionType): PersonRefType | null {
    return personRef(action.ownerId);
  }
}

@Resolver(() => RiskAcceptanceType)
export class RiskAcceptanceResolver {
  @Scoped(ScopeRule.Parent, 'the id of the owner who signed the acceptance')
  @FieldResolver(() => PersonRefType, { description: 'The risk owner who signed.' })
  person(@Root() acceptance: RiskAcceptanceType): PersonRefType | null {
    return personRef(acceptance.personId);
  }
}
