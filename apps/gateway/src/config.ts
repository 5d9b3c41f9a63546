import { z } from 'zod';
import { parseGroupRoles } from './auth/identity-claims.rules';

const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const gatewayConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    SUPERGRAPH_PATH: z.string().default('supergraph/supergraph.graphql'),
    /** Overrides of the subgraph URLs in the supergraph: `isms=http://host:4001/graphql,risk=...`. */
    SUBGRAPH_URLS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const urls: Record<string, string> = {};
        for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
          const [name, url] = pair.split('=');
          if (!name || !url || !/^https?:\/\//.test(url)) {
            ctx.addIssue({ code: 'custom', message: `"${pair}" is not name=http(s)://url` });
            continue;
          }
          urls[name] = url;
        }
        return urls;
      }),
    CLAIMS_SECRET: z.string().min(32, 'CLAIMS_SECRET must be at least 32 characters'),
    /** An OIDC issuer's JWKS; unset means the local development issuer signs and verifies tokens. */
    OIDC_JWKS_URL: z.string().url().optional(),
    OIDC_ISSUER: z.string().default('http://127.0.0.1:4000/auth/dev'),
    OIDC_AUDIENCE: z.string().default('iso27001-platform'),
    /** The claim holding platform role names (a dotted path reaches a nested one, e.g. `realm_access.roles`). */
    OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
    /** The claim holding the caller's groups at the provider (Keycloak: `groups`, with the group membership mapper). */
    OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
    /**
     * Provider groups → platform roles: `/iso27001/isms-managers=isms_manager,/iso27001/employees=employee`, or a JSON
     * object for names holding `,` or `=`. A caller's roles are the roles claim's plus their groups'; unknown groups
     * give nothing. Unit-scoped roles (risk or control owner of a department) are given to groups in the product.
     */
    OIDC_GROUP_ROLES: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const parsed = parseGroupRoles(value);
        if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
        return parsed.ok ? parsed.groupRoles : {};
      }),
    /** The organisation of callers whose token carries no `org_id` claim (a provider that serves one organisation). */
    OIDC_ORGANISATION_ID: z.string().uuid().optional(),
    /** The local development issuer (demo logins). Never enable it in production. */
    DEV_ISSUER: booleanFlag.default(true),
    CORS_ORIGINS: z
      .string()
      .default('http://127.0.0.1:5173,http://localhost:5173,http://127.0.0.1:4173,http://localhost:4173')
      .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean)),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(12),
  })
  .refine((config) => config.DEV_ISSUER || config.OIDC_JWKS_URL, {
    message: 'set OIDC_JWKS_URL or enable DEV_ISSUER: the gateway needs a way to verify tokens',
    path: ['OIDC_JWKS_URL'],
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
