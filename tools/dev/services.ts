/** The processes of the platform and their local ports. */
export const SERVICES = [
  { name: 'isms', project: 'isms-service', port: 4001 },
  { name: 'risk', project: 'risk-service', port: 4002 },
  { name: 'controls', project: 'controls-service', port: 4003 },
  { name: 'evidence', project: 'evidence-service', port: 4004 },
  { name: 'training', project: 'training-service', port: 4005 },
  { name: 'audit', project: 'audit-service', port: 4006 },
] as const;

export const GATEWAY_PORT = 4000;
export const PORTAL_DEV_PORT = 5173;
export const PORTAL_PREVIEW_PORT = 4173;
export const EMBEDDED_POSTGRES_PORT = 5433;
