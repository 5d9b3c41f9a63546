import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { defineCollector } from '@iso27001/collector-kit';
import { guardedLookup } from '@iso27001/platform';
import { dayOfDate, daysAfter, evaluateJsonAssertion } from '../collector.rules';

/** Host setting: whether configurations may reach private and loopback addresses at all (EVIDENCE_HTTP_COLLECTOR_ALLOW_PRIVATE). */
export const HTTP_POLICY_HOST = 'httpPolicy';
export interface HttpPolicyHost {
  allowPrivateNetwork: boolean;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECORDED_BODY_BYTES = 64 * 1024;

const configSchema = z
  .object({
    url: z.string().url('an absolute URL (https://…)'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** Sent with the request; values are never shown back (the API lists only the header names). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'a header name'), z.string().max(4000)).default({}),
    body: z.string().max(65_536).optional(),
    timeoutSeconds: z.number().int().min(1).max(120).default(15),
    assertion: z.object({
      /** JSONPath into the response body, e.g. `$.status` or `$.checks[*].ok`. */
      path: z.string().min(1).max(500).startsWith('$', 'a JSONPath starting with $'),
      operator: z.enum(['equals', 'notEquals', 'exists', 'atLeast', 'atMost']).default('equals'),
      expected: z.json().optional(),
    }),
    /** Reach private, loopback and link-local addresses (and plain http there); honoured only when the service allows it. */
    allowPrivateNetwork: z.boolean().default(false),
    title: z.string().min(1).max(200).optional(),
    validDays: z.number().int().min(1).max(400).default(7),
  })
  .superRefine((config, issues) => {
    const url = new URL(config.url);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && config.allowPrivateNetwork)) {
      issues.addIssue({ code: 'custom', path: ['url'], message: 'must be https (plain http only to a private address with allowPrivateNetwork)' });
    }
    if (url.username || url.password) issues.addIssue({ code: 'custom', path: ['url'], message: 'must not carry credentials: send them in headers' });
    if (config.assertion.operator !== 'exists' && config.assertion.expected === undefined) {
      issues.addIssue({ code: 'custom', path: ['assertion', 'expected'], message: `required for operator ${config.assertion.operator}` });
    }
    if (config.body !== undefined && config.method === 'GET') issues.addIssue({ code: 'custom', path: ['body'], message: 'a GET request has no body' });
  });

export type HttpJsonConfig = z.infer<typeof configSchema>;

interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

function send(config: HttpJsonConfig, allowPrivate: boolean, signal: AbortSignal): Promise<HttpAnswer> {
  const url = new URL(config.url);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: config.method,
        headers: { accept: 'application/json', ...config.headers, ...(config.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        lookup: guardedLookup(allowPrivate),
        timeout: config.timeoutSeconds * 1000,
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            request.destroy(new Error(`the response is larger than ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${config.timeoutSeconds} s`)));
    request.on('error', reject);
    request.end(config.body);
  });
}

/** The address without its query string (which may carry a token). */
function shownUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.origin}${url.pathname}`;
}

/**
 * A generic HTTP/JSON collector: calls an endpoint (https; private or loopback addresses only when both the service
 * and the configuration allow them; redirects are not followed), and asserts a JSONPath of the JSON answer. An
 * endpoint that does not answer 2xx JSON fails the run with the reason and records nothing; an answer that fails the
 * assertion is still evidence (assertion FAILED).
 */
export const httpJsonCollector = defineCollector({
  id: 'http.json',
  title: 'HTTP/JSON check',
  description: 'Calls an HTTPS endpoint and asserts a JSONPath of its JSON answer against an expected value.',
  version: '1.0.0',
  defaultSchedule: '0 6 * * *',
  configSchema,
  controls: ['A.8.16'],
  clauses: ['9.1'],
  async collect(context) {
    const policy = (context.host[HTTP_POLICY_HOST] as HttpPolicyHost | undefined) ?? { allowPrivateNetwork: false };
    const config = context.config;
    if (config.allowPrivateNetwork && !policy.allowPrivateNetwork) {
      throw new Error('allowPrivateNetwork is set but this service does not allow private addresses (EVIDENCE_HTTP_COLLECTOR_ALLOW_PRIVATE)');
    }
    const allowPrivate = config.allowPrivateNetwork && policy.allowPrivateNetwork;
    let answer: HttpAnswer;
    try {
      answer = await send(config, allowPrivate, context.signal);
    } catch (error) {
      throw new Error(`${config.method} ${shownUrl(config.url)} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (answer.status < 200 || answer.status > 299) throw new Error(`${config.method} ${shownUrl(config.url)} answered HTTP ${answer.status}`);
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      throw new Error(`${config.method} ${shownUrl(config.url)} answered ${answer.contentType || 'no content type'}, not JSON`);
    }
    const outcome = evaluateJsonAssertion(body, config.assertion);
    const today = dayOfDate(context.now);
    const recordBody = Buffer.byteLength(answer.body) <= MAX_RECORDED_BODY_BYTES;
    return [
      {
        title: config.title ?? `HTTP check: ${shownUrl(config.url)}`,
        payload: {
          request: { method: config.method, url: shownUrl(config.url) },
          response: { status: answer.status, ...(recordBody ? { body: body as never } : { bodyOmitted: `larger than ${MAX_RECORDED_BODY_BYTES} bytes` }) },
          assertion: { path: config.assertion.path, operator: config.assertion.operator, expected: (config.assertion.expected ?? null) as never, actual: outcome.actual as never },
        },
        assertion: { passed: outcome.passed, reason: outcome.reason },
        period: { start: today, end: today },
        validUntil: daysAfter(context.now, config.validDays),
      },
    ];
  },
});
