import { isUUID } from 'class-validator';
import { In, QueryFailedError, SelectQueryBuilder } from 'typeorm';
import { Access, Claims, grantPeriodCondition, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { AssignmentChanged } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { CourseEntity } from '../courses/course.entity';
import { traineeCondition } from '../people/person.scope';
import { quizErrors } from '../quiz/quiz.errors';
import { assignmentHasQuiz } from '../quiz/quiz.service';
import { PersonReplicaService } from '@iso27001/org-replica';
import { AssignmentEntity, OPEN_ASSIGNMENT_STATUSES } from './assignment.entity';
import { assignmentErrors } from './assignment.errors';
import { AssignCourseInput, AssignmentPageArgs, AssignmentsArgs } from './assignment.input';
import { toAssignmentEventData } from './assignment.mapper';
import { todayUtc } from './assignment.rules';

const UNIQUE_VIOLATION = '23505';

/**
 * The day an assignment is dated by, for an external auditor's observation period: a completion by the day it was
 * completed (UTC), an open assignment by its due date.
 */
const ASSIGNMENT_DAY = "COALESCE((a.completed_at AT TIME ZONE 'UTC')::date, a.due_on)";

/** What the assignment lists filter on (the unpaginated list has only person and course). */
interface AssignmentFilter {
  personId?: string | null;
  courseId?: string | null;
  campaignId?: string | null;
  status?: string | null;
  overdue?: boolean | null;
}

export class AssignmentService {
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonReplicaService(deps);
  }

  /**
   * Assignments matching the filters, by due date then id (the same order on every call). Organisation-wide roles
   * see all of them; a risk or control owner those of the people of their units (the person replica's unit) and
   * their own; an employee only their own (person.scope.ts). An external auditor gets only those dated within the
   * grant's observation period (ASSIGNMENT_DAY).
   */
  private filtered(claims: Claims, access: Access, filter: AssignmentFilter): SelectQueryBuilder<AssignmentEntity> {
    const query = this.deps.dataSource
      .getRepository(AssignmentEntity)
      .createQueryBuilder('a')
      .where('a.organisation_id = :organisationId', { organisationId: claims.organisationId });
    if (filter.personId) query.andWhere('a.person_id = :personId', { personId: filter.personId });
    if (filter.courseId) query.andWhere('a.course_id = :courseId', { courseId: filter.courseId });
    if (filter.campaignId) query.andWhere('a.campaign_id = :campaignId', { campaignId: filter.campaignId });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    // The SQL twin of `isOverdue`: still owed and due before today.
    if (filter.overdue != null) {
      query.andWhere(`${filter.overdue ? '' : 'NOT '}(a.status IN ('ASSIGNED', 'IN_PROGRESS', 'OVERDUE') AND a.due_on < :today::date)`, { today: todayUtc() });
    }
    const reach = traineeCondition(access, {
      person: 'a.person_id',
      unit: '(SELECT p.unit_id FROM person_replica p WHERE p.organisation_id = a.organisation_id AND p.person_id = a.person_id)',
    });
    if (reach) query.andWhere(reach.sql, reach.parameters);
    const period = grantPeriodCondition(claims, ASSIGNMENT_DAY, 'date');
    if (period) query.andWhere(period.sql, period.parameters);
    return query.orderBy('a.due_on', 'ASC').addOrderBy('a.id', 'ASC');
  }

  list(claims: Claims, access: Access, args: AssignmentsArgs): Promise<AssignmentEntity[]> {
    return this.filtered(claims, access, args).getMany();
  }

  /** One page of the assignments the caller may see that match the filters, and their number over all pages. */
  async page(claims: Claims, access: Access, args: AssignmentPageArgs): Promise<{ nodes: AssignmentEntity[]; totalCount: number }> {
    const [nodes, totalCount] = await this.filtered(claims, access, args).offset(args.offset).limit(args.first).getManyAndCount();
    return { nodes, totalCount };
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<AssignmentEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(AssignmentEntity), { organisationId }, ids);
  }

  async assign(input: AssignCourseInput, context: EventContext): Promise<AssignmentEntity> {
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        const { organisationId } = context;
        const course = await manager.findOneBy(CourseEntity, { id: input.courseId, organisationId });
        if (!course) throw assignmentErrors.raise('COURSE_NOT_FOUND', `course ${input.courseId} does not exist`);
        if (!course.active) throw assignmentErrors.raise('COURSE_INACTIVE', `course "${course.title}" is not active and cannot be assigned`);
        const person = await this.people.byId(manager, organisationId, input.personId);
        if (!person) {
          throw assignmentErrors.raise(
            'PERSON_NOT_FOUND',
            `person ${input.personId} is not known to training (yet): people are replicated from isms-service, try again shortly`,
          );
        }
        if (!person.active) throw assignmentErrors.raise('PERSON_NOT_FOUND', `person ${person.name} is inactive and cannot be assigned training`);
        const open = await manager.existsBy(AssignmentEntity, {
          organisationId,
          courseId: course.id,
          personId: person.personId,
          status: In([...OPEN_ASSIGNMENT_STATUSES]),
        });
        if (open) throw assignmentErrors.raise('ASSIGNMENT_EXISTS', `${person.name} already has an open assignment of "${course.title}"`);
        const repository = manager.getRepository(AssignmentEntity);
        const assignment = await repository.save(
          repository.create({ organisationId, courseId: course.id, personId: person.personId, dueOn: input.dueOn, status: 'ASSIGNED', completedAt: null }),
        );
        await this.deps.outbox.record(manager, AssignmentChanged, assignment.id, toAssignmentEventData(assignment), context);
        return assignment;
      });
    } catch (error) {
      // Two concurrent assignments of the same course: the partial unique index lets one of them through.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw assignmentErrors.raise('ASSIGNMENT_EXISTS', 'the person already has an open assignment of this course');
      }
      throw error;
    }
  }

  /** Completed by the assignee themself (their e-mail is the replica's), or on their behalf by a programme manager. */
  async complete(id: string, claims: Claims, context: EventContext): Promise<AssignmentEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const notFound = () => assignmentErrors.raise('ASSIGNMENT_NOT_FOUND', `assignment ${id} does not exist`);
      if (!isUUID(id)) throw notFound();
      const assignment = await manager
        .getRepository(AssignmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.organisation_id = :organisationId', { id, organisationId: context.organisationId })
        .getOne();
      if (!assignment) throw notFound();
      if (!hasAnyRole(claims, PROGRAMME_MANAGERS)) {
        const person = await this.people.byId(manager, context.organisationId, assignment.personId);
        if (!person || person.email.toLowerCase() !== claims.email.toLowerCase()) {
          throw assignmentErrors.raise('NOT_ASSIGNEE', 'only the assignee (or an ISMS manager) can complete this assignment');
        }
      }
      if (assignment.status === 'COMPLETED') {
        throw assignmentErrors.raise('ASSIGNMENT_ALREADY_COMPLETED', `assignment ${id} was already completed`);
      }
      if (!OPEN_ASSIGNMENT_STATUSES.includes(assignment.status)) {
        throw assignmentErrors.raise('ASSIGNMENT_CLOSED', `assignment ${id} is ${assignment.status.toLowerCase()} and is no longer owed`);
      }
      // A course with a quiz is completed by passing it (submitQuizAttempt); only a programme manager may record it otherwise.
      if (!hasAnyRole(claims, PROGRAMME_MANAGERS) && (await assignmentHasQuiz(manager, assignment))) {
        throw quizErrors.raise('QUIZ_REQUIRED', 'this course has a quiz: it is completed by passing the quiz');
      }
      assignment.status = 'COMPLETED';
      assignment.completedAt = new Date();
      const saved = await manager.getRepository(AssignmentEntity).save(assignment);
      await this.deps.outbox.record(manager, AssignmentChanged, saved.id, toAssignmentEventData(saved), context);
      return saved;
    });
  }
}
