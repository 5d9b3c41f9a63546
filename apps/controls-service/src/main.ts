import { bootSubgraph } from '@iso27001/platform';
import { controls } from './subgraph';

bootSubgraph(controls).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
