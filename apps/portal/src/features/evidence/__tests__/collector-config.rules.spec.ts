import { configFieldsOf, configFromValues, hidesSecrets, initialConfigValues, settingLabel } from '../collector-config.rules';

// The schema evidence-service publishes for http.json (zod's JSON Schema output), trimmed to what the form reads.
const HTTP_JSON = JSON.stringify({
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri' },
    method: { default: 'GET', type: 'string', enum: ['GET', 'POST'] },
    headers: { default: {}, type: 'object', additionalProperties: { type: 'string' } },
    timeoutSeconds: { default: 15, type: 'integer', minimum: 1, maximum: 120 },
    assertion: {
      type: 'object',
      properties: {
        path: { type: 'string', minLength: 1, pattern: '^\\$.*' },
        operator: { default: 'equals', type: 'string', enum: ['equals', 'notEquals', 'exists', 'atLeast', 'atMost'] },
        expected: { $ref: '#/$defs/__schema0' },
      },
      required: ['path'],
    },
    allowPrivateNetwork: { default: false, type: 'boolean' },
  },
  required: ['url', 'assertion'],
});

describe('collector configuration form', () => {
  it('derives one field per leaf setting, nested ones dotted, with kinds, requirement and defaults', () => {
    const fields = configFieldsOf(HTTP_JSON);
    expect(fields.map((field) => [field.key, field.kind, field.required])).toEqual([
      ['url', 'text', true],
      ['method', 'choice', false],
      ['headers', 'json', false],
      ['timeoutSeconds', 'integer', false],
      ['assertion.path', 'text', true],
      ['assertion.operator', 'choice', false],
      ['assertion.expected', 'json', false],
      ['allowPrivateNetwork', 'boolean', false],
    ]);
    expect(fields.find((field) => field.key === 'assertion.path')?.label).toBe('Assertion: Path');
    expect(initialConfigValues(fields)).toMatchObject({ method: 'GET', timeoutSeconds: '15', headers: '', allowPrivateNetwork: false });
    expect(configFieldsOf('not json')).toEqual([]);
  });

  it('builds the nested configuration, leaving empty optional settings to the defaults', () => {
    const fields = configFieldsOf(HTTP_JSON);
    const values = { ...initialConfigValues(fields), url: ' https://status.example/health ', 'assertion.path': '$.status', 'assertion.expected': '"ok"' };
    const { config, errors } = configFromValues(fields, values);
    expect(errors).toEqual({});
    expect(config).toEqual({ url: 'https://status.example/health', method: 'GET', timeoutSeconds: 15, assertion: { path: '$.status', operator: 'equals', expected: 'ok' }, allowPrivateNetwork: false });
  });

  it('names each field that is wrong: required and empty, not a whole number, out of range, not JSON', () => {
    const fields = configFieldsOf(HTTP_JSON);
    const { errors } = configFromValues(fields, { ...initialConfigValues(fields), timeoutSeconds: '1.5', 'assertion.expected': 'ok' });
    expect(errors).toEqual({
      url: 'URL is required',
      timeoutSeconds: 'Timeout seconds must be a whole number',
      'assertion.path': 'Assertion: Path is required',
      'assertion.expected': 'Assertion: Expected must be JSON (text in double quotes, e.g. "ok")',
    });
    expect(configFromValues(fields, { ...initialConfigValues(fields), url: 'https://a.example', 'assertion.path': '$', timeoutSeconds: '500' }).errors).toEqual({ timeoutSeconds: 'Timeout seconds must be 1 to 120' });
  });

  it('labels settings in words and spots redacted secrets', () => {
    expect(settingLabel('minCompletionRate')).toBe('Min completion rate');
    expect(settingLabel('url')).toBe('URL');
    expect(hidesSecrets('{"headers":{"Authorization":"[redacted]"}}')).toBe(true);
    expect(hidesSecrets('{"periodDays":7}')).toBe(false);
  });
});
