import { auditEvents } from './audit-events';
import { controlsEvents } from './controls-events';
import { evidenceEvents } from './evidence-events';
import { ismsEvents } from './isms-events';
import { notificationEvents } from './notification-events';
import { riskEvents } from './risk-events';
import { trainingEvents } from './training-events';

export * from './envelope';
export * from './isms-events';
export * from './risk-events';
export * from './controls-events';
export * from './training-events';
export * from './evidence-events';
export * from './audit-events';
export * from './notification-events';

/** Every event type of the platform: the source of the AsyncAPI document. */
export const allEvents = [
  ...ismsEvents,
  ...riskEvents,
  ...controlsEvents,
  ...trainingEvents,
  ...evidenceEvents,
  ...auditEvents,
  ...notificationEvents,
] as const;
