import { AssignmentChanged } from '@iso27001/contracts';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, TrainingConfig } from './config';
import { TrainingInitial1764300000500 } from './migrations/1764300000500-training-initial.migration';
import { AssignmentEntity } from './modules/assignments/assignment.entity';
import { AssignmentResolver } from './modules/assignments/assignment.resolver';
import { CourseEntity } from './modules/courses/course.entity';
import { courseReference } from './modules/courses/course.reference';
import { CourseResolver } from './modules/courses/course.resolver';
import { personUpsertedHandler } from './modules/people/events/person-upserted.handler';
import { PersonReplicaEntity } from './modules/people/person-replica.entity';

/** training-service: courses and assignments (campaigns, competence records as the product grows). */
export const training: SubgraphDefinition<TrainingConfig> = {
  name: 'training-service',
  configSchema,
  entities: [PersonReplicaEntity, CourseEntity, AssignmentEntity],
  migrations: [TrainingInitial1764300000500],
  resolvers: [CourseResolver, AssignmentResolver],
  references: (deps) => ({ ...courseReference(deps) }),
  produces: [AssignmentChanged],
  handlers: (deps) => [personUpsertedHandler(deps)],
};
