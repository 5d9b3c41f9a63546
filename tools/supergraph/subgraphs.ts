import { SubgraphDefinition } from '@iso27001/platform';
import { isms } from '../../apps/isms-service/src/subgraph';

/** The subgraphs of the supergraph, with the URL each has when run locally (the gateway can override them). */
export const SUBGRAPHS: { name: string; url: string; definition: SubgraphDefinition<any> }[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  { name: 'isms', url: 'http://127.0.0.1:4001/graphql', definition: isms },
];
