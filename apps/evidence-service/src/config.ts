import path from 'node:path';
import { subgraphConfigSchema } from '@iso27001/platform';
import { z } from 'zod';


export const configSchema = subgraphConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(4004),
  DATABASE_NAME: z.string().default('iso_evidence'),
  /** Where evidence files are kept: `disk` (under EVIDENCE_DATA_DIR, the default) or an S3-compatible bucket. */
  EVIDENCE_STORAGE: z.enum(['disk', 's3']).default('disk'),
  /** The service's data folder: the disk store's objects and every upload's temporary file live under it. */
  EVIDENCE_DATA_DIR: z
    .string()
    .min(1)
    .default('.data/evidence')
    .transform((dir) => path.resolve(dir)),
  /** Largest file accepted, in bytes (100 MB by default). */
  EVIDENCE_MAX_FILE_BYTES: z.coerce.number().int().positive().default(100 * 1024 * 1024),
  /** S3-compatible store (EVIDENCE_STORAGE=s3): endpoint (unset for AWS itself), bucket (required then), region, credentials. */
  EVIDENCE_S3_ENDPOINT: z.string().url().optional(),
  EVIDENCE_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name').optional(),
  EVIDENCE_S3_REGION: z.string().default('us-east-1'),
  EVIDENCE_S3_ACCESS_KEY_ID: z.string().optional(),
  EVIDENCE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing (`endpoint/bucket/key`), which most S3-compatible servers need. */
  EVIDENCE_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * Where the services that render generated documents answer (`isms=http://…,risk=…,controls=…,training=…`); the
   * default is the local platform's ports (tools/dev/services.ts).
   */
  DOCUMENT_SOURCES: z
    .string()
    .default('isms=http://127.0.0.1:4001,risk=http://127.0.0.1:4002,controls=http://127.0.0.1:4003,training=http://127.0.0.1:4005,audit=http://127.0.0.1:4006')
    .transform((text, context) => {
      const sources: Record<string, string> = {};
      for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
        const [name, url] = pair.split(/=(.*)/s, 2);
        if (!name || !url || !URL.canParse(url)) {
          context.addIssue({ code: 'custom', message: `"${pair}" is not name=http://host:port` });
          return z.NEVER;
        }
        sources[name.trim()] = new URL(url).origin;
      }
      return sources;
    }),
  /** Prefix of the object keys in the bucket. */
  EVIDENCE_S3_PREFIX: z.string().regex(/^[A-Za-z0-9._/-]*$/).default('evidence/'),
  /** Collector packages loaded beside the built-ins (`name,name`: package names, or absolute paths). */
  EVIDENCE_COLLECTOR_PACKAGES: z.string().default(''),
  /** `true` lets HTTP collector configurations that ask for it reach private and loopback addresses (off by default: SSRF). */
  EVIDENCE_HTTP_COLLECTOR_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Longest a collector run may take before it is aborted and recorded as FAILED (seconds). */
  EVIDENCE_COLLECTOR_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  /** The gateway's origin, whose internal endpoint serves the access log the access-log collector reads. */
  EVIDENCE_GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000'),
});

export type EvidenceConfig = z.infer<typeof configSchema>;
