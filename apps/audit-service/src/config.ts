import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';

export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  DATABASE_NAME: z.string().default('iso_audit'),
});

export type AuditConfig = z.infer<typeof configSchema>;
