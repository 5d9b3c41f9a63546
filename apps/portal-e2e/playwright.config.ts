import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * The per-role journeys in Debian's Chromium. `src/run.ts` starts the platform on throw-away databases and sets
 * PORTAL_URL; against an already running platform (`npm start`), run
 * `PORTAL_URL=http://127.0.0.1:5173 DEMO_PASSWORD=<printed by npm start> npx playwright test -c apps/portal-e2e/playwright.config.ts`.
 */
const root = path.resolve(__dirname, '../..');

export default defineConfig({
  testDir: './src/journeys',
  testMatch: '**/*.journey.ts',
  // The journeys share one platform and build on each other's data (the manager drafts, the executive approves).
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  outputDir: path.join(root, '.data/e2e/results'),
  reporter: [['list']],
  use: {
    baseURL: process.env['PORTAL_URL'] ?? 'http://127.0.0.1:5173',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
