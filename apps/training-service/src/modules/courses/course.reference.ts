import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { CourseEntity } from './course.entity';
import { toCourseType } from './course.mapper';
import { CourseService } from './course.service';

/** Batches course look-ups for one request (Assignment.course and references from other subgraphs). */
export function courseLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, CourseEntity | null> {
  return loader(context, 'courses', () => {
    const courses = new CourseService(deps);
    return new DataLoader<string, CourseEntity | null>(async (ids) => {
      const valid = ids.filter((id) => isUUID(id));
      const found = new Map((valid.length > 0 ? await courses.byIds(context.claims.organisationId, valid) : []).map((course) => [course.id, course]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

export function courseReference(deps: ServiceDeps) {
  return {
    Course: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const course = await courseLoader(deps, context).load(reference.id);
        return course ? toCourseType(course) : null;
      },
    },
  };
}
