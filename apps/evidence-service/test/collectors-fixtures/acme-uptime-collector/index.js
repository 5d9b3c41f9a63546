// A collector package as a third party would ship it: plain CommonJS, a zod schema, no platform imports.
const { z } = require('zod');

const configSchema = z.object({
  target: z.string().min(1),
  // The uptime the package reports; a real package would measure it.
  uptimePercent: z.number().min(0).max(100),
  minimumPercent: z.number().min(0).max(100).default(99.9),
});

exports.collector = {
  id: 'acme.uptime',
  title: 'ACME uptime report',
  version: '2.1.0',
  defaultSchedule: '0 4 * * 1',
  configSchema,
  controls: ['A.8.14'],
  clauses: [],
  async collect(context) {
    const day = context.now.toISOString().slice(0, 10);
    const { target, uptimePercent, minimumPercent } = context.config;
    const passed = uptimePercent >= minimumPercent;
    return [
      {
        title: `Uptime of ${target}`,
        payload: { target, uptimePercent, minimumPercent },
        assertion: { passed, reason: `${target} was up ${uptimePercent} % (${passed ? 'at least' : 'below'} ${minimumPercent} %)` },
        period: { start: day, end: day },
        validUntil: new Date(context.now.getTime() + 7 * 86400000).toISOString().slice(0, 10),
      },
    ];
  },
};
