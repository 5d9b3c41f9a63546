import { loadConfig } from '@iso27001/platform';
import { gatewayConfigSchema } from '../../config';

const base = { CLAIMS_SECRET: 'x'.repeat(32), DEMO_PASSWORD: 'demo-password' };

describe('the gateway settings that guard production', () => {
  it('runs the embedded provider by default in development, and turns it off by default with NODE_ENV=production', () => {
    expect(loadConfig(gatewayConfigSchema, base).EMBEDDED_OIDC).toBe(true);
    const production = loadConfig(gatewayConfigSchema, { ...base, NODE_ENV: 'production', OIDC_ISSUER: 'https://login.example.com/realms/iso' });
    expect(production.EMBEDDED_OIDC).toBe(false);
  });

  it('refuses the embedded provider with NODE_ENV=production, saying why, and asks for a real issuer instead', () => {
    expect(() => loadConfig(gatewayConfigSchema, { ...base, NODE_ENV: 'production', EMBEDDED_OIDC: 'true' })).toThrow(/EMBEDDED_OIDC: EMBEDDED_OIDC=true is refused with NODE_ENV=production/);
    expect(() => loadConfig(gatewayConfigSchema, { ...base, NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER: set OIDC_ISSUER/);
  });

  it('has introspection off and every limit on unless configured', () => {
    const config = loadConfig(gatewayConfigSchema, base);
    expect(config).toMatchObject({ GATEWAY_INTROSPECTION: false, MAX_TOKEN_LIFETIME_SECONDS: 86_400, DATABASE_NAME: 'gateway' });
    expect(config.RATE_LIMIT_REQUESTS).toBeGreaterThan(0);
    expect(loadConfig(gatewayConfigSchema, { ...base, GATEWAY_INTROSPECTION: 'true' }).GATEWAY_INTROSPECTION).toBe(true);
  });
});
