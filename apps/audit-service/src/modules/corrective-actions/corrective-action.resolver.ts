import { isUUID } from 'class-validator';
import DataLoader from 'dataloader';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, CORRECTIVE_ACTION_READERS, FINDING_JUDGES, hasAnyRole, ScopeRule, STAFF } from '@iso27001/authz';
import { PersonReplicaService } from '@iso27001/org-replica';
import { eventContext, oneToOneLoader, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { engagementVisible } from '../engagements/engagement.scope';
import { FindingEntity } from '../findings/finding.entity';
import { toFindingType } from '../findings/finding.mapper';
import { findingLoader } from '../findings/finding.reference';
import { FindingSeverityType, FindingType } from '../findings/finding.type';
import { CorrectiveActionEntity } from './corrective-action.entity';
import { correctiveActionErrors } from './corrective-action.errors';
import { CheckCorrectiveActionInput, CloseFindingInput, CorrectiveActionsArgs, ImplementCorrectiveActionInput, PlanCorrectiveActionInput } from './corrective-action.input';
import { toCorrectiveActionType } from './corrective-action.mapper';
import { CorrectiveActionService } from './corrective-action.service';
import { CorrectiveActionType, EvidenceItemRefType, PersonRefType } from './corrective-action.type';

/** The summary of the finding an action remedies: what its owner needs to read, whoever they are. */
@ObjectType('CorrectiveActionFinding', { description: 'What the corrective action remedies: the finding as its owner reads it.' })
export class CorrectiveActionFindingType {
  @Field(() => ID)
  id: string;

  @Field(() => FindingSeverityType)
  severity: FindingSeverityType;

  @Field()
  description: string;

  @Field(() => String, { nullable: true, description: 'Annex A control id, e.g. "A.8.12".' })
  controlId: string | null;

  @Field(() => String, { nullable: true })
  clause: string | null;
}

function correctiveActionByFindingLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, CorrectiveActionEntity | null> {
  return oneToOneLoader(
    context,
    'correctiveActionByFinding',
    (findingIds) => new CorrectiveActionService(deps).byFindings(context.claims.organisationId, findingIds),
    (action) => action.findingId,
  );
}

@Resolver(() => CorrectiveActionType)
export class CorrectiveActionResolver {
  private readonly service: CorrectiveActionService;
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new CorrectiveActionService(deps);
    this.people = new PersonReplicaService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'every corrective action for internal readers (findings carry no unit yet); an external auditor only those of findings of their engagement')
  @Query(() => [CorrectiveActionType], { description: 'Corrective actions by due date, optionally by status or overdue.' })
  async correctiveActions(@Args() args: CorrectiveActionsArgs, @Ctx() context: RequestContext): Promise<CorrectiveActionType[]> {
    return (await this.service.list(context.claims, args, false)).map(toCorrectiveActionType);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, 'the corrective actions the caller owns (their person has the caller\'s e-mail)')
  @Query(() => [CorrectiveActionType], { description: "The corrective actions the caller owns, by due date." })
  async myCorrectiveActions(@Args() args: CorrectiveActionsArgs, @Ctx() context: RequestContext): Promise<CorrectiveActionType[]> {
    return (await this.service.list(context.claims, args, true)).map(toCorrectiveActionType);
  }

  @Authorized(CORRECTIVE_ACTION_READERS)
  @Scoped(ScopeRule.Own, 'audit readers any (an external auditor those of their engagement); anyone else only an action they own (others are not found)')
  @Query(() => CorrectiveActionType, { description: 'One corrective action.' })
  async correctiveAction(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<CorrectiveActionType> {
    const notFound = () => correctiveActionErrors.raise('CORRECTIVE_ACTION_NOT_FOUND', `corrective action ${id} does not exist`);
    if (!isUUID(id)) throw notFound();
    const action = await this.deps.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ id, organisationId: context.claims.organisationId });
    if (!action) throw notFound();
    const finding = await findingLoader(this.deps, context).load(action.findingId);
    if (!finding || !engagementVisible(context.claims, finding.engagementId)) throw notFound();
    if (!hasAnyRole(context.claims, AUDIT_READERS)) {
      const me = await this.people.byEmail(this.deps.dataSource.manager, context.claims.organisationId, context.claims.email);
      if (!me || me.personId !== action.ownerPersonId) throw notFound();
    }
    return toCorrectiveActionType(action);
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the action's owner, or a programme manager (who alone changes owner and due date); nothing written otherwise")
  @Mutation(() => CorrectiveActionType, { description: 'Records the correction, root cause and action (again after an ineffective check).' })
  async planCorrectiveAction(@Arg('input') input: PlanCorrectiveActionInput, @Ctx() context: RequestContext): Promise<CorrectiveActionType> {
    return toCorrectiveActionType(await this.service.plan(input, context.claims, eventContext(context)));
  }

  @Authorized(STAFF)
  @Scoped(ScopeRule.Own, "the action's owner, or a programme manager; nothing written otherwise")
  @Mutation(() => CorrectiveActionType, { description: 'Records that the planned action was done, with the evidence items that show it.' })
  async implementCorrectiveAction(@Arg('input') input: ImplementCorrectiveActionInput, @Ctx() context: RequestContext): Promise<CorrectiveActionType> {
    return toCorrectiveActionType(await this.service.implement(input, context.claims, eventContext(context)));
  }

  @Authorized(FINDING_JUDGES)
  @Scoped(ScopeRule.Organisation, 'an auditor who neither owns, planned nor implemented the action; an external auditor only on their engagement')
  @Mutation(() => CorrectiveActionType, { description: 'An independent auditor judges whether the implemented action was effective.' })
  async checkCorrectiveActionEffectiveness(@Arg('input') input: CheckCorrectiveActionInput, @Ctx() context: RequestContext): Promise<CorrectiveActionType> {
    return toCorrectiveActionType(await this.service.check(input, context.claims, eventContext(context)));
  }

  @Authorized(FINDING_JUDGES)
  @Scoped(ScopeRule.Organisation, 'an auditor who took no part in its corrective action; an external auditor only on their engagement; a nonconformity only once its action was effective')
  @Mutation(() => FindingType, { description: "Closes a finding with the auditor's comment; the control's status recovers when nothing else holds it." })
  async closeFinding(@Arg('input') input: CloseFindingInput, @Ctx() context: RequestContext): Promise<FindingType> {
    return toFindingType(await this.service.closeFinding(input, context.claims, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, 'the summary of the finding of an action already allowed')
  @FieldResolver(() => CorrectiveActionFindingType)
  async finding(@Root() action: CorrectiveActionType, @Ctx() context: RequestContext): Promise<CorrectiveActionFindingType> {
    const finding: FindingEntity | null = await findingLoader(this.deps, context).load(action.findingId);
    if (!finding) throw new Error(`finding ${action.findingId} of corrective action ${action.id} is missing`);
    return Object.assign(new CorrectiveActionFindingType(), {
      id: finding.id,
      severity: finding.severity as FindingSeverityType,
      description: finding.description,
      controlId: finding.controlId,
      clause: finding.clause,
    });
  }

  @Scoped(ScopeRule.Parent, "the owner's id; isms-service resolves the person under its own rules")
  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() action: CorrectiveActionType): PersonRefType | null {
    return action.ownerPersonId ? Object.assign(new PersonRefType(), { id: action.ownerPersonId }) : null;
  }

  @Scoped(ScopeRule.Parent, 'ids of the evidence of completion; evidence-service resolves each under its own rules (null when not visible)')
  @FieldResolver(() => [EvidenceItemRefType], { nullable: 'items', description: 'The evidence that shows the action was done (null where the caller may not see an item).' })
  evidence(@Root() action: CorrectiveActionType): EvidenceItemRefType[] {
    return action.evidenceIds.map((id) => Object.assign(new EvidenceItemRefType(), { id }));
  }
}

@Resolver(() => FindingType)
export class FindingCorrectiveActionResolver {
  constructor(private readonly deps: ServiceDeps) {}

  @Scoped(ScopeRule.Parent, 'the corrective action of a finding already allowed')
  @FieldResolver(() => CorrectiveActionType, { nullable: true, description: 'A nonconformity\'s corrective action; null for observations and opportunities.' })
  async correctiveAction(@Root() finding: FindingType, @Ctx() context: RequestContext): Promise<CorrectiveActionType | null> {
    const action = await correctiveActionByFindingLoader(this.deps, context).load(finding.id);
    return action ? toCorrectiveActionType(action) : null;
  }
}
