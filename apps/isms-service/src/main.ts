import { bootSubgraph } from '@iso27001/platform';
import { isms } from './subgraph';

bootSubgraph(isms).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
