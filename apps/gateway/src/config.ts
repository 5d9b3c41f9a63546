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
    /**
     * The OpenID provider whose tokens the gateway accepts (its keys are found through OIDC discovery). With
     * EMBEDDED_OIDC it is the gateway's own provider, by default http://HOST:PORT/oidc.
     */
    OIDC_ISSUER: z.string().url().optional(),
    /** Overrides the JWKS address that discovery names (a provider whose keys are served elsewhere). */
    OIDC_JWKS_URL: z.string().url().optional(),
    /** The `aud` every access token must carry: the platform's API. */
    OIDC_AUDIENCE: z.string().default('iso27001-platform'),
    /** The portal's public client at the provider, and the scopes it asks for (served at /portal-config.json). */
    OIDC_PORTAL_CLIENT_ID: z.string().min(1).default('iso27001-portal'),
    OIDC_PORTAL_SCOPE: z.string().default('openid profile email'),
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
    /**
     * The embedded OpenID provider (oidc-provider) with the demo users, for development and demos. Default: on, except
     * with NODE_ENV=production, where it is refused (it signs in anyone who knows the demo password, admins included).
     */
    EMBEDDED_OIDC: booleanFlag.optional(),
    /** The demo users' password at the embedded provider. */
    DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').optional(),
    /** Lifetime of the embedded provider's access tokens, in seconds (refresh tokens renew them). */
    OIDC_ACCESS_TOKEN_TTL: z.coerce.number().int().min(1).max(86_400).default(900),
    CORS_ORIGINS: z
      .string()
      .default('http://127.0.0.1:5173,http://localhost:5173,http://127.0.0.1:4173,http://localhost:4173')
      .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean)),
    /**
     * Express's `trust proxy` setting: how the caller's address is taken from X-Forwarded-For when the gateway runs
     * behind a load balancer (a hop count, `loopback`, or addresses/subnets). Unset: the connection's address, and the
     * header is ignored (a client cannot claim an address).
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value) => (value === undefined || value.trim() === '' ? false : /^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim())),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().default('development'),
    // Limits of one operation (graphql-armor), checked before any subgraph is asked. The defaults leave room above the
    // portal's largest operations (depth 5, 3 aliases, cost 22,937, 642 tokens) and the standard introspection query
    // (depth 15); apps/gateway/src/hardening/__tests__/operation-limits.spec.ts checks every portal operation passes.
    MAX_QUERY_DEPTH: z.coerce.number().int().positive().default(15),
    MAX_ALIASES: z.coerce.number().int().min(0).default(20),
    MAX_QUERY_COST: z.coerce.number().int().positive().default(50_000),
    MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
    MAX_TOKENS: z.coerce.number().int().positive().default(2_000),
    /** Schema introspection (`__schema`, `__type`); off unless asked for. `__typename` always works. */
    GATEWAY_INTROSPECTION: booleanFlag.default(false),
    /** Longest lifetime (`exp` - `iat`) of an access token the gateway accepts; a token without `exp` is refused. */
    MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().default(86_400),
    /** Requests per identity (token subject, or client address without a valid token) and window; 0 turns it off. */
    RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(1_000),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
    /** The PostgreSQL server (as for the services) and the gateway's own database on it, where replicas count requests. */
    DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
    DATABASE_NAME: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and underscores').default('gateway'),
    /** `false` stops writing API requests to the access log in the gateway's database (A.8.15; on by default). */
    ACCESS_LOG_PERSIST: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  })
  .transform((config) => ({ ...config, EMBEDDED_OIDC: config.EMBEDDED_OIDC ?? config.NODE_ENV !== 'production' }))
  .refine((config) => !(config.EMBEDDED_OIDC && config.NODE_ENV === 'production'), {
    message: 'EMBEDDED_OIDC=true is refused with NODE_ENV=production: the embedded provider signs in demo users with admin rights; set OIDC_ISSUER to your OpenID provider',
    path: ['EMBEDDED_OIDC'],
  })
  .refine((config) => config.EMBEDDED_OIDC || config.OIDC_ISSUER, {
    message: 'set OIDC_ISSUER to your OpenID provider, or enable EMBEDDED_OIDC: the gateway needs an issuer to trust',
    path: ['OIDC_ISSUER'],
  })
  .refine((config) => !config.EMBEDDED_OIDC || config.DEMO_PASSWORD, {
    message: 'EMBEDDED_OIDC needs DEMO_PASSWORD, the password of the demo users (npm start makes one)',
    path: ['DEMO_PASSWORD'],
  });

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
