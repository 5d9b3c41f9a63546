import { CourseEntity } from './course.entity';
import { CourseKindType, CourseType } from './course.type';

export function toCourseType(entity: CourseEntity): CourseType {
  return Object.assign(new CourseType(), {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    kind: entity.kind as CourseKindType,
    durationMinutes: entity.durationMinutes,
    active: entity.active,
  });
}
