import { parseAllDocuments } from 'yaml';
import { SERVICES } from '../../dev/services';
import { renderManifests } from '../manifests';

interface Doc {
  kind: string;
  metadata: { name: string };
  spec?: {
    replicas?: number;
    template?: { spec: { containers: { env: { name: string; valueFrom?: unknown; value?: string }[]; readinessProbe: unknown; livenessProbe: unknown }[] } };
  };
  data?: Record<string, string>;
}

describe('deployment manifests', () => {
  const docs = parseAllDocuments(renderManifests()).map((d) => d.toJS() as Doc);
  const deployments = docs.filter((d) => d.kind === 'Deployment');

  it('runs every subgraph and the gateway as several replicas with probes', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICES.map((s) => s.project), 'gateway'].sort());
    for (const d of deployments) {
      expect(d.spec?.replicas).toBeGreaterThanOrEqual(2);
      const [container] = d.spec!.template!.spec.containers; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      expect(container?.readinessProbe).toBeDefined();
      expect(container?.livenessProbe).toBeDefined();
    }
  });

  it('takes secrets from a Secret, never from the manifests, and turns the embedded OpenID provider off', () => {
    for (const d of deployments) {
      const env = d.spec!.template!.spec.containers[0]!.env; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const claims = env.find((e) => e.name === 'CLAIMS_SECRET');
      expect(claims?.valueFrom).toEqual({ secretKeyRef: { name: 'platform-secrets', key: 'CLAIMS_SECRET' } });
      expect(claims?.value).toBeUndefined();
    }
    expect(docs.some((d) => d.kind === 'Secret')).toBe(false);
    expect(docs.find((d) => d.kind === 'ConfigMap')?.data?.['EMBEDDED_OIDC']).toBe('false');
  });
});
