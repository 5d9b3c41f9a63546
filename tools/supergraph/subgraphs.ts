import { SubgraphDefinition } from '@iso27001/platform';
import { audit } from '../../apps/audit-service/src/subgraph';
import { controls } from '../../apps/controls-service/src/subgraph';
import { evidence } from '../../apps/evidence-service/src/subgraph';
import { isms } from '../../apps/isms-service/src/subgraph';
import { risk } from '../../apps/risk-service/src/subgraph';
import { training } from '../../apps/training-service/src/subgraph';

/** The subgraphs of the supergraph, with the URL each has when run locally (the gateway can override them). */
export const SUBGRAPHS: { name: string; url: string; definition: SubgraphDefinition<any> }[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  { name: 'isms', url: 'http://127.0.0.1:4001/graphql', definition: isms },
  { name: 'risk', url: 'http://127.0.0.1:4002/graphql', definition: risk },
  { name: 'controls', url: 'http://127.0.0.1:4003/graphql', definition: controls },
  { name: 'evidence', url: 'http://127.0.0.1:4004/graphql', definition: evidence },
  { name: 'training', url: 'http://127.0.0.1:4005/graphql', definition: training },
  { name: 'audit', url: 'http://127.0.0.1:4006/graphql', definition: audit },
];
