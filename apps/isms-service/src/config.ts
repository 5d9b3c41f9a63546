import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  DATABASE_NAME: z.string().default('iso_isms'),
  /** Largest import file accepted (bytes, decoded). Its base64 form must also fit the 5 MB request body limit. */
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().max(3_700_000).default(3_500_000),
});

export type IsmsConfig = z.infer<typeof configSchema>;
