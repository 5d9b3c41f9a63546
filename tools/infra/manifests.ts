/**
 * Renders the Kubernetes manifests of the distributed deployment (infra/k8s/platform.yaml) from the list of
 * services the launcher uses, so the two cannot drift: every subgraph runs as several replicas in one consumer
 * group, on managed PostgreSQL and a Kafka cluster named in the platform-config ConfigMap and platform-secrets
 * Secret (created by the operator, never committed). `--check` fails when the committed file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { GATEWAY_PORT, SERVICES } from '../dev/services';

const NAMESPACE = 'iso27001';
const IMAGE = 'registry.example.com/iso27001/platform:0.1.0';
const target = path.resolve(__dirname, '../../infra/k8s/platform.yaml');

type Manifest = Record<string, unknown>;

function labels(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app, 'app.kubernetes.io/part-of': 'iso27001-platform' };
}

function deployment(app: string, port: number, entry: string, env: Record<string, unknown>[], replicas: number): Manifest[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: NAMESPACE, labels: labels(app) },
      spec: {
        replicas,
        selector: { matchLabels: labels(app) },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels: labels(app) },
          spec: {
            terminationGracePeriodSeconds: 30,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001 },
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels(app) } },
            ],
            containers: [
              {
                name: app,
                image: IMAGE,
                args: ['node', '-r', '@swc-node/register', entry],
                ports: [{ name: 'http', containerPort: port }],
                env: [{ name: 'PORT', value: String(port) }, { name: 'HOST', value: '0.0.0.0' }, ...env],
                envFrom: [{ configMapRef: { name: 'platform-config' } }],
                readinessProbe: { httpGet: { path: app === 'gateway' ? '/healthz' : '/readyz', port: 'http' }, periodSeconds: 5, failureThreshold: 3 },
                livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 6, initialDelaySeconds: 20 },
                resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '768Mi' } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: app, namespace: NAMESPACE, labels: labels(app) },
      spec: { selector: labels(app), ports: [{ name: 'http', port, targetPort: 'http' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: app, namespace: NAMESPACE, labels: labels(app) },
      spec: { minAvailable: 1, selector: { matchLabels: labels(app) } },
    },
  ];
}

const secret = (key: string) => ({ name: key, valueFrom: { secretKeyRef: { name: 'platform-secrets', key } } });

export function renderManifests(): string {
  const documents: Manifest[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE, labels: labels('iso27001-platform') } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'platform-config', namespace: NAMESPACE, labels: labels('iso27001-platform') },
      data: {
        KAFKA_BROKERS: 'kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092',
        KAFKA_TOPIC_PREFIX: '',
        LOG_LEVEL: 'info',
        // Your OpenID provider: its keys are found through discovery; the portal signs in there as OIDC_PORTAL_CLIENT_ID.
        OIDC_ISSUER: 'https://login.example.com/realms/iso27001',
        OIDC_AUDIENCE: 'iso27001-platform',
        OIDC_PORTAL_CLIENT_ID: 'iso27001-portal',
        EMBEDDED_OIDC: 'false',
      },
    },
  ];
  for (const service of SERVICES) {
    documents.push(
      ...deployment(service.project, service.port, `apps/${service.project}/src/main.ts`, [secret('CLAIMS_SECRET'), secret('DATABASE_URL'), { name: 'DATABASE_NAME', value: `iso_${service.name}` }], 2),
    );
  }
  documents.push(
    ...deployment(
      'gateway',
      GATEWAY_PORT,
      'apps/gateway/src/main.ts',
      [
        secret('CLAIMS_SECRET'),
        { name: 'SUBGRAPH_URLS', value: SERVICES.map((s) => `${s.name}=http://${s.project}:${s.port}/graphql`).join(',') },
        // The replicas count requests per caller in one table of the gateway's own database.
        secret('DATABASE_URL'),
        { name: 'DATABASE_NAME', value: 'iso_gateway' },
        // Refuses the embedded provider and any other development default.
        { name: 'NODE_ENV', value: 'production' },
      ],
      3,
    ),
  );
  const header = '# Generated by tools/infra/manifests.ts from tools/dev/services.ts: run "npm run manifests" after changing either.\n';
  return header + documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
}

function main(): void {
  const content = renderManifests();
  if (process.argv.includes('--check')) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== content) {
      console.error('infra/k8s/platform.yaml is stale: run "npm run manifests" and commit the result');
      process.exit(1);
    }
    console.log('infra/k8s/platform.yaml is current');
    return;
  }
  writeFileSync(target, content);
  console.log(`infra/k8s/platform.yaml written (${SERVICES.length} subgraphs and the gateway)`);
}

if (require.main === module) main();
