import { bootSubgraph } from '@iso27001/platform';
import { training } from './subgraph';

bootSubgraph(training).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
