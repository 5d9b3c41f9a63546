import { CertificationPhaseEntity, CertificationProjectEntity, CertificationTaskEntity, ManagementCommitmentEntity } from './plan.entity';
import { isOverdue, progress } from './plan.progress';
import {
  CertificationPhaseType,
  CertificationProgressType,
  CertificationProjectType,
  CertificationTaskStatusType,
  CertificationTaskType,
  ManagementCommitmentType,
} from './plan.type';

const toProgress = (p: ReturnType<typeof progress>) => Object.assign(new CertificationProgressType(), p);

export function toTaskType(e: CertificationTaskEntity, asOf: string): CertificationTaskType {
  return Object.assign(new CertificationTaskType(), {
    id: e.id,
    phaseId: e.phaseId,
    title: e.title,
    description: e.description,
    ownerId: e.ownerId,
    dueDate: e.dueDate,
    status: e.status as CertificationTaskStatusType,
    completedAt: e.completedAt,
    overdue: isOverdue(e, asOf),
  });
}

export function toProjectType(project: CertificationProjectEntity, phases: CertificationPhaseEntity[], tasks: CertificationTaskEntity[], asOf: string): CertificationProjectType {
  return Object.assign(new CertificationProjectType(), {
    id: project.id,
    startedBy: project.startedBy,
    startedAt: project.createdAt,
    progress: toProgress(progress(tasks)),
    phases: [...phases]
      .sort((a, b) => a.position - b.position)
      .map((phase) => {
        const own = tasks.filter((t) => t.phaseId === phase.id);
        return Object.assign(new CertificationPhaseType(), {
          id: phase.id,
          key: phase.key,
          name: phase.name,
          position: phase.position,
          tasks: own.map((t) => toTaskType(t, asOf)),
          progress: toProgress(progress(own)),
        });
      }),
  });
}

export function toCommitmentType(e: ManagementCommitmentEntity): ManagementCommitmentType {
  return Object.assign(new ManagementCommitmentType(), {
    id: e.id,
    sponsorPersonId: e.sponsorPersonId,
    decision: e.decision,
    decidedOn: e.decidedOn,
    recordedBySub: e.recordedBySub,
    recordedByName: e.recordedByName,
    recordedAt: e.createdAt,
  });
}
