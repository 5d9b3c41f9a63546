import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  DATABASE_NAME: z.string().default('iso_evidence'),
});

export type EvidenceConfig = z.infer<typeof configSchema>;
