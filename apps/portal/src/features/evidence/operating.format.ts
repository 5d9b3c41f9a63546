import type { ControlOperatingStatusCode } from '../../gql/graphql';

/** Whether a control operates, as the evidence screens show it beside the evidence that drives it. */
export const OPERATING_LABEL: Record<ControlOperatingStatusCode, string> = {
  EFFECTIVE: 'Effective',
  EVIDENCE_MISSING: 'Evidence missing',
  EVIDENCE_EXPIRED: 'Evidence expired',
  NONCONFORMING: 'Nonconforming',
};

export const OPERATING_COLOUR: Record<ControlOperatingStatusCode, string> = {
  EFFECTIVE: 'green',
  EVIDENCE_MISSING: 'yellow',
  EVIDENCE_EXPIRED: 'orange',
  NONCONFORMING: 'red',
};
