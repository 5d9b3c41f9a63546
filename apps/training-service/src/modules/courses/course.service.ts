import { findByIds, ServiceDeps } from '@iso27001/platform';
import { CourseEntity } from './course.entity';
import { CreateCourseInput } from './course.input';

export class CourseService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<CourseEntity[]> {
    return this.deps.dataSource.getRepository(CourseEntity).find({ where: { organisationId }, order: { title: 'ASC', id: 'ASC' } });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<CourseEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(CourseEntity), { organisationId }, ids);
  }

  /** No other service consumes courses yet, so creating one records no event. */
  async create(organisationId: string, input: CreateCourseInput): Promise<CourseEntity> {
    const repository = this.deps.dataSource.getRepository(CourseEntity);
    return repository.save(
      repository.create({
        organisationId,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        kind: input.kind,
        durationMinutes: input.durationMinutes,
        active: true,
      }),
    );
  }
}
