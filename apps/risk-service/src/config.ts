import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
  DATABASE_NAME: z.string().default('iso_risk'),
  /**
   * People reach this service through Kafka (isms.person.v1). A person created a moment ago may not be in the
   * replica yet: an unknown owner id is looked up again for up to this long before it is refused.
   */
  PERSON_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** Rows per transaction of an import (each batch commits with its events). */
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(5_000).default(500),
});

export type RiskConfig = z.infer<typeof configSchema>;
