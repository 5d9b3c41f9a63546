import { Role } from '@iso27001/authz';
import { testClaims } from '@iso27001/testing';
import { RiskTestKit } from './risk-test-kit';

const REGISTER = 'query($filter: RiskFilterInput, $sort: RiskSortField, $after: String) { riskRegister(filter: $filter, sort: $sort, after: $after) { totalCount } }';
const CREATE = 'mutation($input: CreateRiskInput!) { createRisk(input: $input) { id } }';
const IMPORT = 'mutation($i: StartRiskImportInput!) { startRiskImport(input: $i) { id status } }';

/** The register's malformed input, as an attacker with a demo login sent it: clear refusals, nothing written. */
describe('risk-service: malformed ids, control characters and forged cursors', () => {
  const kit = new RiskTestKit('risk-input');
  const manager = testClaims([Role.IsmsManager]);

  beforeAll(() => kit.start());
  afterAll(() => kit.stop());

  it('refuses a register filter whose owner id is no UUID, naming filter.ownerId', async () => {
    const result = await kit.service.request(REGISTER, { filter: { ownerId: 'not-a-uuid' } }, manager);
    expect(result.errors).toEqual([
      {
        message: 'invalid input: filter.ownerId: ownerId must be a UUID',
        path: ['riskRegister'],
        extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field: 'filter.ownerId', problems: ['ownerId must be a UUID'] }] },
      },
    ]);
  });

  it('refuses a risk whose title holds a NUL byte, an escape sequence or a lone surrogate, writing nothing', async () => {
    const before = await kit.counts();
    for (const [title, problem] of [
      ['Ransomware\u0000', 'title must not contain the control character U+0000'],
      ['\u001b[31mRansomware', 'title must not contain the control character U+001B'],
      ['Ransom\uD800ware', 'title must be valid Unicode text: it holds a lone surrogate U+D800'],
    ] as const) {
      const result = await kit.service.request(CREATE, { input: { title, inherentLikelihood: 3, inherentImpact: 4 } }, manager);
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining(`input.title: ${problem}`), extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'input.title' }] } });
    }
    expect(await kit.counts()).toEqual(before);
    // Tabs and line breaks are text.
    expect((await kit.service.request(CREATE, { input: { title: 'Ransomware\tencrypts\r\nfile servers', inherentLikelihood: 3, inherentImpact: 4 } }, manager)).errors).toBeUndefined();
  });

  it('answers a forged cursor the database refuses as BAD_USER_INPUT, without the SQL or the driver text', async () => {
    const forged = Buffer.from(JSON.stringify(['TITLE', 'ransomware', 'not-a-uuid'])).toString('base64url');
    const result = await kit.service.request(REGISTER, { sort: 'TITLE', after: forged }, manager);
    // The cursor's shape is right, so the service passes it on; PostgreSQL refuses its id (22P02).
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^invalid input: /), extensions: { code: 'BAD_USER_INPUT', category: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(result.errors)).not.toMatch(/SELECT|uuid:|r\.id|invalid input syntax|not-a-uuid/);
  });

  it('refuses an import file with a NUL byte in a cell as a whole, naming the row and column', async () => {
    const before = await kit.counts();
    const csv = Buffer.from('title,inherent_likelihood,inherent_impact\nPhishing,2,2\nRansom\u0000ware,3,4\n').toString('base64');
    const result = await kit.service.request(IMPORT, { i: { kind: 'RISKS', format: 'CSV', contentBase64: csv, dryRun: false } }, manager);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('row 3, column title: a cell holds a NUL byte'), extensions: { code: 'MALFORMED_FILE' } });
    expect(await kit.counts()).toEqual(before);
  });
});
