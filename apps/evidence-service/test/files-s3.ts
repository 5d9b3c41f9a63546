import { randomBytes } from 'node:crypto';
import { testS3 } from '@iso27001/testing';

/**
 * Settings of an evidence-service storing in the test S3 server (see `testS3`: no server, a failing test), under a key
 * prefix of its own so that a test counts only its own objects.
 */
export function testS3Env(): Record<string, string> {
  const { endpoint, bucket } = testS3();
  return {
    EVIDENCE_STORAGE: 's3',
    EVIDENCE_S3_ENDPOINT: endpoint,
    EVIDENCE_S3_BUCKET: bucket,
    EVIDENCE_S3_REGION: 'us-east-1',
    EVIDENCE_S3_FORCE_PATH_STYLE: 'true',
    // S3Mock checks no signature; the SDK signs every request, so it needs some key pair.
    EVIDENCE_S3_ACCESS_KEY_ID: 'test-access-key',
    EVIDENCE_S3_SECRET_ACCESS_KEY: randomBytes(16).toString('hex'),
    EVIDENCE_S3_PREFIX: `run-${randomBytes(6).toString('hex')}/`,
  };
}
