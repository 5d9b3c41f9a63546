/**
 * The platform as an enterprise runs it with its own identity provider: a real Keycloak (infra/keycloak, test realm),
 * a second gateway that trusts only Keycloak in front of the same subgraphs, and the portal built for that gateway.
 * The `keycloak` journey signs in there on Keycloak's own login page.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startKeycloak } from '../../../tools/dev/keycloak';
import { ROOT } from '../../../tools/dev/platform';
import { startProcess, waitForHttp } from '../../../tools/dev/processes';
import { SERVICES } from '../../../tools/dev/services';

const run = promisify(execFile);

/** The ports beside the platform's (gateway 4000, portal 4173); the realm's redirect URIs name the portal's. */
export const KEYCLOAK_GATEWAY_PORT = 4010;
export const KEYCLOAK_PORTAL_PORT = 4174;
export const KEYCLOAK_DEFAULT_PORT = 8180;

/**
 * The realm's groups → platform roles. The owner groups carry their role from Keycloak; which units they own is the
 * group's role assignment in the product (without one, the role reaches no unit).
 */
export const KEYCLOAK_GROUP_ROLES = [
  '/iso27001/platform-admins=admin',
  '/iso27001/isms-managers=isms_manager',
  '/iso27001/employees=employee',
  '/iso27001/risk-owners-payments=risk_owner',
  '/iso27001/control-owners-it-operations=control_owner',
].join(',');

export interface KeycloakFront {
  issuer: string;
  gatewayOrigin: string;
  portalUrl: string;
  stop(): Promise<void>;
}

export async function startKeycloakFront(options: {
  claimsSecret: string;
  databaseUrl: string;
  portOffset: number;
  dataDir: string;
  log: (line: string) => void;
}): Promise<KeycloakFront> {
  const { portOffset: offset, log } = options;
  const logDir = path.join(options.dataDir, 'logs');
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch((error: unknown) => log(`keycloak front: stopping failed: ${String(error)}`));
  };
  try {
    process.env['KEYCLOAK_PORT'] ??= String(KEYCLOAK_DEFAULT_PORT + offset);
    const keycloak = await startKeycloak();
    stops.push(keycloak.stop);
    log(`keycloak: ${keycloak.issuer}${keycloak.startedNow ? '' : ' (already running)'}`);

    const gatewayOrigin = `http://127.0.0.1:${KEYCLOAK_GATEWAY_PORT + offset}`;
    const portalUrl = `http://127.0.0.1:${KEYCLOAK_PORTAL_PORT + offset}`;
    const node = process.execPath;
    const gateway = startProcess('gateway-keycloak', node, ['-r', '@swc-node/register', 'apps/gateway/src/main.ts'], {
      cwd: ROOT,
      logDir,
      env: {
        ...process.env,
        PORT: String(KEYCLOAK_GATEWAY_PORT + offset),
        DATABASE_URL: options.databaseUrl,
        CLAIMS_SECRET: options.claimsSecret,
        SUBGRAPH_URLS: SERVICES.map((s) => `${s.name}=http://127.0.0.1:${s.port + offset}/graphql`).join(','),
        EMBEDDED_OIDC: 'false',
        // No rate limit (it would need a database of its own): it is proved in apps/platform-e2e's gateway suite.
        RATE_LIMIT_REQUESTS: '0',
        OIDC_ISSUER: keycloak.issuer,
        OIDC_GROUP_ROLES: KEYCLOAK_GROUP_ROLES,
        CORS_ORIGINS: `${portalUrl},http://localhost:${KEYCLOAK_PORTAL_PORT + offset}`,
        LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      },
    });
    stops.push(() => gateway.stop());
    await waitForHttp(`${gatewayOrigin}/healthz`, gateway);

    // The same portal, built for this gateway (a build takes seconds), served from its own directory.
    const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
    const outDir = path.join(options.dataDir, 'portal-keycloak');
    const portalDir = path.join(ROOT, 'apps/portal');
    const env = { ...process.env, VITE_GATEWAY_URL: gatewayOrigin };
    await run(node, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: portalDir, env, maxBuffer: 10 * 1024 * 1024 });
    const portal = startProcess('portal-keycloak', node, [vite, 'preview', '--host', '127.0.0.1', '--port', String(KEYCLOAK_PORTAL_PORT + offset), '--strictPort', '--outDir', outDir], {
      cwd: portalDir,
      logDir,
      env,
    });
    stops.push(() => portal.stop());
    await waitForHttp(`${portalUrl}/`, portal);
    log(`keycloak front: gateway ${gatewayOrigin} (trusts ${keycloak.issuer} only), portal ${portalUrl}`);
    return { issuer: keycloak.issuer, gatewayOrigin, portalUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
