import { AssignmentChanged, NotificationRequested, PolicyAcknowledged } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { trainingDocumentsRouter } from './modules/documents/training-document.internal';
import { certificateRoutes } from './modules/certificates/certificate.http';
import { configSchema, TrainingConfig } from './config';
import { TrainingInitial1764300000500 } from './migrations/1764300000500-training-initial.migration';
import { PolicyAcknowledgements1764300005100 } from './migrations/1764300005100-policy-acknowledgements.migration';
import { AssignmentLifecycle1764300013000 } from './migrations/1764300013000-assignment-lifecycle.migration';
import { AcknowledgementRecords1764300014000 } from './migrations/1764300014000-acknowledgement-records.migration';
import { Competence1764300014100 } from './migrations/1764300014100-competence.migration';
import { Campaigns1764300013700 } from './migrations/1764300013700-campaigns.migration';
import { CourseContentQuiz1764300013400 } from './migrations/1764300013400-course-content-quiz.migration';
import { assignmentJobs } from './modules/assignments/assignment.jobs';
import { Notifications1764300013100 } from './migrations/1764300013100-notifications.migration';
import { evidenceRequestChangedHandler } from './modules/inbox/events/evidence-request-changed.handler';
import { InboxResolver } from './modules/inbox/inbox.resolver';
import { notificationRequestedHandler } from './modules/notifications/events/notification-requested.handler';
import { NotificationPreferenceEntity } from './modules/notifications/notification-preference.entity';
import { notificationJobs } from './modules/notifications/notification.jobs';
import { NotificationResolver } from './modules/notifications/notification.resolver';
import { CampaignEntity } from './modules/campaigns/campaign.entity';
import { campaignJobs } from './modules/campaigns/campaign.jobs';
import { CampaignResolver } from './modules/campaigns/campaign.resolver';
import { campaignOrgHooks } from './modules/campaigns/events/campaign-org-hooks.handler';
import { completionRateJobs } from './modules/rates/completion-rate.jobs';
import { CompletionRateResolver } from './modules/rates/completion-rate.resolver';
import { CompetenceRecordEntity } from './modules/competence/competence-record.entity';
import { CompetenceRequirementEntity } from './modules/competence/competence-requirement.entity';
import { CompetenceEntity } from './modules/competence/competence.entity';
import { CompetenceRecordResolver, CompetenceResolver, PersonCompetenceGapResolver, UnitCompetenceGapsResolver } from './modules/competence/competence.resolver';
import { AssignmentEntity } from './modules/assignments/assignment.entity';
import { AssignmentResolver } from './modules/assignments/assignment.resolver';
import { CourseEntity } from './modules/courses/course.entity';
import { courseReference } from './modules/courses/course.reference';
import { CourseResolver } from './modules/courses/course.resolver';
import { CourseVersionEntity } from './modules/courses/course-version.entity';
import { QuizAttemptEntity, QuizAttemptGrantEntity } from './modules/quiz/quiz-attempt.entity';
import { QuizQuestionEntity } from './modules/quiz/quiz-question.entity';
import { QuizResolver } from './modules/quiz/quiz.resolver';
import { acknowledgementOrgHooks } from './modules/policy-acknowledgements/events/org-replica-changed.handler';
import { policyPublishedHandler } from './modules/policy-acknowledgements/events/policy-published.handler';
import { PolicyAcknowledgementEntity } from './modules/policy-acknowledgements/policy-acknowledgement.entity';
import { PolicyAcknowledgementResolver, PolicyAcknowledgementUnitRateResolver } from './modules/policy-acknowledgements/policy-acknowledgement.resolver';
import { PolicyPublicationEntity } from './modules/policy-acknowledgements/policy-publication.entity';

/** training-service: courses, assignments and policy acknowledgements (campaigns, competence records as the product grows). */
export const training: SubgraphDefinition<TrainingConfig> = {
  name: 'training-service',
  // evidence-service fetches the documents this service renders for the Stage 1 pack.
  internal: (deps) => trainingDocumentsRouter(deps),
  // Completion certificates (PDF), proxied by the gateway at /training/certificates/:assignmentId.
  http: (deps) => certificateRoutes(deps),
  configSchema,
  entities: [...orgReplicaEntities, NotificationPreferenceEntity, CourseEntity, AssignmentEntity, PolicyPublicationEntity, PolicyAcknowledgementEntity, CompetenceEntity, CompetenceRequirementEntity, CompetenceRecordEntity, CampaignEntity, CourseVersionEntity, QuizQuestionEntity, QuizAttemptEntity, QuizAttemptGrantEntity],
  migrations: [TrainingInitial1764300000500, PolicyAcknowledgements1764300005100, AssignmentLifecycle1764300013000, Notifications1764300013100, CourseContentQuiz1764300013400, Campaigns1764300013700, AcknowledgementRecords1764300014000, Competence1764300014100, ...orgReplicaMigrations],
  resolvers: [NotificationResolver, InboxResolver, CourseResolver, AssignmentResolver, PolicyAcknowledgementResolver, PolicyAcknowledgementUnitRateResolver, CompetenceResolver, CompetenceRecordResolver, PersonCompetenceGapResolver, UnitCompetenceGapsResolver, CampaignResolver, CompletionRateResolver, QuizResolver],
  references: (deps) => ({ ...courseReference(deps) }),
  produces: [AssignmentChanged, PolicyAcknowledged, NotificationRequested],
  // People and units from isms-service; a change that puts people into a policy's audience opens their tasks.
  access: (deps) => orgReplicaAccess(deps),
  // Overdue work and reminders, campaign enrolment and rounds, the daily completion history.
  jobs: (deps) => [...assignmentJobs(deps), ...campaignJobs(deps), ...completionRateJobs(deps), ...notificationJobs(deps)],
  handlers: (deps) => [...orgReplicaHandlers(deps, campaignOrgHooks(deps, acknowledgementOrgHooks(deps))), policyPublishedHandler(deps), notificationRequestedHandler(deps), evidenceRequestChangedHandler()],
};
