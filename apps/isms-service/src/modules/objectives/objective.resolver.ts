import DataLoader from 'dataloader';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS, ScopeRule, withinGrantPeriod } from '@iso27001/authz';
import { eventContext, oneToManyLoader, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toPersonType } from '../people/person.mapper';
import { personLoader } from '../people/person.reference';
import { PersonType } from '../people/person.type';
import { IdArgs } from '../shared/id.args';
import { ObjectiveMeasurementEntity } from './objective.entity';
import { objectiveErrors } from './objective.errors';
import { evaluateObjective } from './objective.evaluation';
import { CreateObjectiveInput, RecordObjectiveMeasurementInput, SetObjectiveStatusInput } from './objective.input';
import { toMeasurementType, toObjectiveType } from './objective.mapper';
import { ObjectiveService } from './objective.service';
import { ObjectiveMeasurementType, ObjectiveType } from './objective.type';

@Resolver(() => ObjectiveType)
export class ObjectiveResolver {
  private readonly service: ObjectiveService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new ObjectiveService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'information security objectives (clause 6.2) are organisation data')
  @Query(() => [ObjectiveType], { description: 'Information security objectives (clause 6.2) with their latest value and whether the target is met.' })
  async objectives(@Ctx() context: RequestContext): Promise<ObjectiveType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toObjectiveType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'information security objectives (clause 6.2) are organisation data')
  @Query(() => ObjectiveType)
  async objective(@Args() { id }: IdArgs, @Ctx() context: RequestContext): Promise<ObjectiveType> {
    const objective = await this.service.get(context.claims.organisationId, id);
    if (!objective) throw objectiveErrors.raise('OBJECTIVE_NOT_FOUND', `objective ${id} does not exist`);
    return toObjectiveType(objective);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers set and measure objectives')
  @Mutation(() => ObjectiveType)
  async createObjective(@Arg('input') input: CreateObjectiveInput, @Ctx() context: RequestContext): Promise<ObjectiveType> {
    return toObjectiveType(await this.service.create(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers set and measure objectives')
  @Mutation(() => ObjectiveType)
  async setObjectiveStatus(@Arg('input') input: SetObjectiveStatusInput, @Ctx() context: RequestContext): Promise<ObjectiveType> {
    return toObjectiveType(await this.service.setStatus(input, eventContext(context)));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers set and measure objectives')
  @Mutation(() => ObjectiveType, { description: 'Records a measurement of the objective (value at a point in time).' })
  async recordObjectiveMeasurement(@Arg('input') input: RecordObjectiveMeasurementInput, @Ctx() context: RequestContext): Promise<ObjectiveType> {
    return toObjectiveType(await this.service.record(input, eventContext(context)));
  }

  @Scoped(ScopeRule.Parent, "the objective's measurements and owner name; an external auditor only the measurements of their observation period")
  @FieldResolver(() => [ObjectiveMeasurementType], { description: 'All measurements, oldest first.' })
  async history(@Root() objective: ObjectiveType, @Ctx() context: RequestContext): Promise<ObjectiveMeasurementType[]> {
    return (await this.historyLoader(context).load(objective.id)).map(toMeasurementType);
  }

  @Scoped(ScopeRule.Parent, "the objective's measurements and owner name; an external auditor only the measurements of their observation period")
  @FieldResolver(() => ObjectiveMeasurementType, { nullable: true, description: 'The most recent measurement (by measuredAt).' })
  async latestMeasurement(@Root() objective: ObjectiveType, @Ctx() context: RequestContext): Promise<ObjectiveMeasurementType | null> {
    const { latest } = evaluateObjective(objective, await this.historyLoader(context).load(objective.id));
    return latest ? toMeasurementType(latest) : null;
  }

  @Scoped(ScopeRule.Parent, "the objective's measurements and owner name; an external auditor only the measurements of their observation period")
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the latest measurement meets the target; null before the first one.' })
  async targetMet(@Root() objective: ObjectiveType, @Ctx() context: RequestContext): Promise<boolean | null> {
    return evaluateObjective(objective, await this.historyLoader(context).load(objective.id)).targetMet;
  }

  @Scoped(ScopeRule.Parent, "the objective's measurements and owner name; an external auditor only the measurements of their observation period")
  @FieldResolver(() => PersonType, { nullable: true })
  async owner(@Root() objective: ObjectiveType, @Ctx() context: RequestContext): Promise<PersonType | null> {
    if (!objective.ownerId) return null;
    const person = await personLoader(this.deps, context).load(objective.ownerId);
    return person ? toPersonType(person) : null;
  }

  /**
   * One query for the histories of every objective in the response. An external auditor gets the measurements of
   * their grant's observation period only (and the latest and target met within it).
   */
  private historyLoader(context: RequestContext): DataLoader<string, ObjectiveMeasurementEntity[]> {
    return oneToManyLoader(
      context,
      'objectiveHistory',
      async (ids) => (await this.service.historyOf(context.claims.organisationId, ids)).filter((row) => withinGrantPeriod(context.claims, row.measuredAt)),
      (row) => row.objectiveId,
    );
  }
}
