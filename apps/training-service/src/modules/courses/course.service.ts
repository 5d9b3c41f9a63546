import { AssignmentChanged } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { AssignmentEntity } from '../assignments/assignment.entity';
import { toAssignmentEventData } from '../assignments/assignment.mapper';
import { CourseVersionEntity } from './course-version.entity';
import { CourseEntity } from './course.entity';
import { courseErrors } from './course.errors';
import { CourseContentInput, CreateCourseInput, PublishCourseVersionInput } from './course.input';
import { contentFields, ContentFields, dueInDays } from './course.rules';

const NO_CONTENT: Omit<ContentFields, 'contentKind'> & { contentKind: null } = { contentKind: null, contentMarkdown: null, contentFileId: null, contentUrl: null };

function content(input: CourseContentInput | null | undefined): ContentFields | typeof NO_CONTENT {
  if (!input) return NO_CONTENT;
  const fields = contentFields(input);
  if (typeof fields === 'string') throw courseErrors.raise('COURSE_CONTENT_INVALID', fields);
  return fields;
}

export interface PublishedVersion {
  course: CourseEntity;
  version: CourseVersionEntity;
  /** New assignments opened for people who had completed an older version. */
  retakes: number;
}

export class CourseService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<CourseEntity[]> {
    return this.deps.dataSource.getRepository(CourseEntity).find({ where: { organisationId }, order: { title: 'ASC', id: 'ASC' } });
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<CourseEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(CourseEntity), { organisationId }, ids);
  }

  versions(organisationId: string, courseId: string): Promise<CourseVersionEntity[]> {
    return this.deps.dataSource.getRepository(CourseVersionEntity).find({ where: { organisationId, courseId }, order: { version: 'DESC' } });
  }

  /** A course and its version 1 (with the content, if given) in one transaction. No other service consumes courses yet. */
  async create(organisationId: string, input: CreateCourseInput, publishedBy: string | null = null): Promise<CourseEntity> {
    const fields = content(input.content);
    return this.deps.dataSource.transaction(async (manager) => {
      const course = await manager.getRepository(CourseEntity).save(
        manager.getRepository(CourseEntity).create({
          organisationId,
          title: input.title.trim(),
          description: input.description?.trim() || null,
          kind: input.kind,
          durationMinutes: input.durationMinutes,
          active: true,
          currentVersion: 1,
          ...fields,
        }),
      );
      await manager.getRepository(CourseVersionEntity).save(
        manager.getRepository(CourseVersionEntity).create({ organisationId, courseId: course.id, version: 1, ...fields, changeNote: null, retakeRequired: false, publishedBy, publishedAt: new Date() }),
      );
      return course;
    });
  }

  /**
   * Publishes version N+1: new content (or the current one kept), the quiz of version N copied over (edit it with
   * setCourseQuiz). With `retakeRequired`, everyone whose latest completion is of an older version and who owes
   * nothing of this course gets a NEW assignment of the new version, due `retakeDueInDays` from today; their
   * completion stays in the history (a reopened assignment would erase the record an auditor relies on).
   */
  async publishVersion(input: PublishCourseVersionInput, context: EventContext, publishedBy: string): Promise<PublishedVersion> {
    const retakeDueInDays = input.retakeDueInDays ?? 0;
    if (input.retakeRequired && !retakeDueInDays) throw courseErrors.raise('RETAKE_DUE_REQUIRED', 'retakeDueInDays is required when everyone must retake the course');
    const { organisationId } = context;
    return this.deps.dataSource.transaction(async (manager) => {
      const course = await manager
        .getRepository(CourseEntity)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id AND c.organisation_id = :organisationId', { id: input.courseId, organisationId })
        .getOne();
      if (!course) throw courseErrors.raise('COURSE_NOT_FOUND', `course ${input.courseId} does not exist`);
      const previous = await manager.findOneBy(CourseVersionEntity, { courseId: course.id, version: course.currentVersion });
      const fields = input.content
        ? content(input.content)
        : { contentKind: course.contentKind, contentMarkdown: course.contentMarkdown, contentFileId: course.contentFileId, contentUrl: course.contentUrl };
      const next = course.currentVersion + 1;
      const version = await manager.getRepository(CourseVersionEntity).save(
        manager.getRepository(CourseVersionEntity).create({
          organisationId,
          courseId: course.id,
          version: next,
          ...fields,
          changeNote: input.changeNote?.trim() || null,
          retakeRequired: input.retakeRequired,
          quizPassMark: previous?.quizPassMark ?? null,
          quizQuestionsDrawn: previous?.quizQuestionsDrawn ?? null,
          quizMaxAttempts: previous?.quizMaxAttempts ?? null,
          publishedBy,
          publishedAt: new Date(),
        }),
      );
      await manager.query(
        `INSERT INTO quiz_question (organisation_id, course_id, version, position, kind, text, options, correct)
         SELECT organisation_id, course_id, $3, position, kind, text, options, correct FROM quiz_question WHERE course_id = $1 AND version = $2 AND organisation_id = $4`,
        [course.id, course.currentVersion, next, organisationId],
      );
      Object.assign(course, fields, { currentVersion: next });
      await manager.getRepository(CourseEntity).save(course);

      let retakes = 0;
      if (input.retakeRequired) {
        const ids = (await manager.query(
          `INSERT INTO assignment (organisation_id, course_id, person_id, due_on, status, course_version)
           SELECT DISTINCT a.organisation_id, a.course_id, a.person_id, $3::date, 'ASSIGNED', $4::int
             FROM assignment a
             JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.person_id AND p.active
            WHERE a.organisation_id = $1 AND a.course_id = $2 AND a.status = 'COMPLETED' AND COALESCE(a.course_version, 1) < $4
              AND NOT EXISTS (SELECT 1 FROM assignment o WHERE o.organisation_id = a.organisation_id AND o.course_id = a.course_id AND o.person_id = a.person_id
                                AND (o.status IN ('ASSIGNED', 'IN_PROGRESS', 'OVERDUE') OR (o.status = 'COMPLETED' AND COALESCE(o.course_version, 1) >= $4)))
           RETURNING id`,
          [organisationId, course.id, dueInDays(retakeDueInDays), next],
        )) as { id: string }[];
        retakes = ids.length;
        if (ids.length > 0) {
          const created = await manager.getRepository(AssignmentEntity).findBy(ids.map((row) => ({ id: row.id })));
          await this.deps.outbox.recordMany(manager, AssignmentChanged, created.map((row) => ({ subjectId: row.id, data: toAssignmentEventData(row) })), context);
        }
      }
      return { course, version, retakes };
    });
  }
}
