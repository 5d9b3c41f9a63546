import { bootSubgraph } from '@iso27001/platform';
import { evidence } from './subgraph';

bootSubgraph(evidence).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
