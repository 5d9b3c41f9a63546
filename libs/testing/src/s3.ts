/**
 * The S3-compatible server that tests run S3 storage against (infra/s3mock; `npm test` starts it and exports its
 * address). A test that needs it and finds none fails, saying how to start it: it never passes without having talked
 * to S3.
 */
export function testS3(): { endpoint: string; bucket: string } {
  const endpoint = process.env['TEST_S3_ENDPOINT'];
  if (!endpoint) {
    throw new Error(
      'TEST_S3_ENDPOINT is not set: S3 storage is tested against a real S3-compatible server. Start one with ' +
        '`bash infra/s3mock/start.sh` and run with TEST_S3_ENDPOINT=$(cat .data/s3mock/endpoint) ' +
        '(TEST_S3_BUCKET defaults to evidence-test), or run `npm test`, which does both.',
    );
  }
  return { endpoint, bucket: process.env['TEST_S3_BUCKET'] ?? 'evidence-test' };
}
