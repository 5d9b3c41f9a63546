import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule, TOP_MANAGEMENT, withinGrantPeriod } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toPersonType } from '../people/person.mapper';
import { personLoader } from '../people/person.reference';
import { PersonType } from '../people/person.type';
import { today } from '../shared/calendar-date';
import { AddCertificationTaskInput, OverdueTasksArgs, RecordManagementCommitmentInput, UpdateCertificationTaskInput } from './plan.input';
import { toCommitmentType, toProjectType, toTaskType } from './plan.mapper';
import { planErrors } from './plan.errors';
import { PlanService } from './plan.service';
import { CertificationProjectType, CertificationTaskType, ManagementCommitmentType } from './plan.type';

@Resolver(() => CertificationProjectType)
export class PlanResolver {
  private readonly service: PlanService;

  constructor(deps: ServiceDeps) {
    this.service = new PlanService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the certification plan and management commitment are organisation data')
  @Query(() => CertificationProjectType, { nullable: true, description: 'The certification project plan, or null before it is started.' })
  async certificationProject(@Ctx() context: RequestContext): Promise<CertificationProjectType | null> {
    const loaded = await this.service.load(context.claims.organisationId);
    return loaded ? toProjectType(loaded.project, loaded.phases, loaded.tasks, today()) : null;
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'the certification plan and management commitment are organisation data')
  @Query(() => [CertificationTaskType], { description: 'Tasks not done whose due date is before asOf (default today).' })
  async overdueCertificationTasks(@Args() args: OverdueTasksArgs, @Ctx() context: RequestContext): Promise<CertificationTaskType[]> {
    const asOf = args.asOf ?? today();
    return (await this.service.overdue(context.claims.organisationId, asOf)).map((t) => toTaskType(t, asOf));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "management commitment is organisation data; an external auditor reads the decisions taken within the grant's period")
  @Query(() => [ManagementCommitmentType], { description: 'Recorded decisions of management commitment, newest first.' })
  async managementCommitments(@Ctx() context: RequestContext): Promise<ManagementCommitmentType[]> {
    return (await this.service.commitments(context.claims.organisationId)).filter((commitment) => withinGrantPeriod(context.claims, commitment.decidedOn)).map(toCommitmentType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the plan; top management records its commitment')
  @Mutation(() => CertificationProjectType, { description: 'Creates the plan with the eight phases of the certification journey, in order.' })
  async startCertificationProject(@Ctx() context: RequestContext): Promise<CertificationProjectType> {
    await this.service.start(eventContext(context));
    const loaded = await this.service.load(context.claims.organisationId);
    if (!loaded) throw planErrors.raise('PROJECT_NOT_STARTED', 'the certification project could not be read back');
    return toProjectType(loaded.project, loaded.phases, loaded.tasks, today());
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the plan; top management records its commitment')
  @Mutation(() => CertificationTaskType)
  async addCertificationTask(@Arg('input') input: AddCertificationTaskInput, @Ctx() context: RequestContext): Promise<CertificationTaskType> {
    return toTaskType(await this.service.addTask(input, eventContext(context)), today());
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the plan; top management records its commitment')
  @Mutation(() => CertificationTaskType, { description: 'Changes a task: status, owner, due date, title.' })
  async updateCertificationTask(@Arg('input') input: UpdateCertificationTaskInput, @Ctx() context: RequestContext): Promise<CertificationTaskType> {
    return toTaskType(await this.service.updateTask(input, eventContext(context)), today());
  }

  @Authorized(TOP_MANAGEMENT)
  @Scoped(ScopeRule.Organisation, 'programme managers keep the plan; top management records its commitment')
  @Mutation(() => ManagementCommitmentType, { description: 'Top management (executive or admin) records its commitment: sponsor, decision, date.' })
  async recordManagementCommitment(@Arg('input') input: RecordManagementCommitmentInput, @Ctx() context: RequestContext): Promise<ManagementCommitmentType> {
    const { sub, name } = context.claims;
    return toCommitmentType(await this.service.recordCommitment(input, { sub, name }, eventContext(context)));
  }
}

@Resolver(() => CertificationTaskType)
export class CertificationTaskFieldsResolver {
  constructor(private readonly deps: ServiceDeps) {}

  @Scoped(ScopeRule.Parent, 'the owner or sponsor (name) of a plan entry the caller may read')
  @FieldResolver(() => PersonType, { nullable: true })
  async owner(@Root() task: CertificationTaskType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!task.ownerId) return null;
    const person = await personLoader(this.deps, context).load(task.ownerId);
    return person ? toPersonType(person) : null;
  }
}

@Resolver(() => ManagementCommitmentType)
export class ManagementCommitmentFieldsResolver {
  constructor(private readonly deps: ServiceDeps) {}

  @Scoped(ScopeRule.Parent, 'the owner or sponsor (name) of a plan entry the caller may read')
  @FieldResolver(() => PersonType, { nullable: true })
  async sponsor(@Root() commitment: ManagementCommitmentType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    const person = await personLoader(this.deps, context).load(commitment.sponsorPersonId);
    return person ? toPersonType(person) : null;
  }
}
