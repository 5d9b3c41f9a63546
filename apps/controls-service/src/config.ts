import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4003),
  DATABASE_NAME: z.string().default('iso_controls'),
  /**
   * People reach this service through Kafka (isms.person.v1). A person created a moment ago may not be in the
   * replica yet: an unknown owner id is looked up again for up to this long before it is refused.
   */
  PERSON_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
});

export type ControlsConfig = z.infer<typeof configSchema>;
