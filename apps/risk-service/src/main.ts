import { bootSubgraph } from '@iso27001/platform';
import { risk } from './subgraph';

bootSubgraph(risk).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
