import { bootSubgraph } from '@iso27001/platform';
import { audit } from './subgraph';

bootSubgraph(audit).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
