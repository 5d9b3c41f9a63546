import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { CourseEntity } from './course.entity';
import { toCourseType } from './course.mapper';
import { CourseService } from './course.service';

/** Batches course look-ups for one request (Assignment.course and references from other subgraphs). */
export function courseLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, CourseEntity | null> {
  return oneToOneLoader(context, 'courses', (ids) => new CourseService(deps).byIds(context.claims.organisationId, ids));
}

export function courseReference(deps: ServiceDeps) {
  return {
    Course: {
      __resolveReference: scopedReference(ScopeRule.Organisation, "a course of the organisation's catalogue, readable by every role", async (reference: { id: string }, context: RequestContext) => {
        const course = await courseLoader(deps, context).load(reference.id);
        return course ? toCourseType(course) : null;
      }),
    },
  };
}
