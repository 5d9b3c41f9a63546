/** Pure figures of the certification plan: progress per phase and overall, and which tasks are overdue. */

export type TaskStatus = 'TODO' | 'IN_PROGRESS' | 'DONE' | 'BLOCKED';

/** The eight phases of the certification journey (the seed), in order. */
export const CERTIFICATION_PHASES = [
  { key: 'PLAN', name: 'Create a project plan' },
  { key: 'SCOPE', name: 'Define the scope of the ISMS' },
  { key: 'RISK_AND_GAP', name: 'Risk assessment and gap analysis' },
  { key: 'POLICIES_AND_CONTROLS', name: 'Design and implement policies and controls' },
  { key: 'TRAINING', name: 'Complete employee training' },
  { key: 'EVIDENCE', name: 'Document and collect evidence' },
  { key: 'CERTIFICATION_AUDIT', name: 'Certification audit' },
  { key: 'CONTINUOUS_COMPLIANCE', name: 'Maintain continuous compliance' },
] as const;

export interface Progress {
  done: number;
  total: number;
  /** 0-100, rounded down; 0 when there are no tasks. */
  percent: number;
}

export function progress(tasks: readonly { status: TaskStatus }[]): Progress {
  const total = tasks.length;
  const done = tasks.filter((t) => t.status === 'DONE').length;
  return { done, total, percent: total === 0 ? 0 : Math.floor((done / total) * 100) };
}

/** Overdue: not done and due strictly before `asOf` (both `YYYY-MM-DD`). */
export function isOverdue(task: { status: TaskStatus; dueDate: string | null }, asOf: string): boolean {
  return task.status !== 'DONE' && task.dueDate !== null && task.dueDate < asOf;
}
