import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { demoPassword } from './api';

/** Screens of every journey are kept here, one PNG per screen, for a reviewer to look at every view. */
export const SCREENS_DIR = path.resolve(__dirname, '../../../../.data/e2e/screens');

export interface Portal {
  /**
   * Signs in as a person would: the portal's Sign in button, the identity provider's login page (e-mail and the demo
   * password), back to the portal; waits until the portal shows the person signed in.
   */
  signInAs(email: string): Promise<void>;
  /**
   * Checks the screen now shown: its heading is `heading`, axe finds no serious or critical violation, and a
   * full-page screenshot is kept as `<journey>/<nn>-<name>.png`.
   */
  screen(name: string, heading?: string | RegExp): Promise<void>;
  /** Opens a screen from the navigation (as a person would), by its link text, and moves the pointer off it. */
  navigate(label: string): Promise<void>;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export const test = base.extend<{ portal: Portal; errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`);
    });
    await use(errors);
    expect(errors, 'the browser reported errors during the journey').toEqual([]);
  },
  portal: async ({ page, errors }, use, testInfo) => {
    void errors;
    const journey = slug(testInfo.titlePath.slice(1).join(' '));
    const dir = path.join(SCREENS_DIR, journey);
    mkdirSync(dir, { recursive: true });
    let count = 0;
    const portal: Portal = {
      async signInAs(email) {
        // A sign-out just clicked goes on at the provider (it ends the provider's session too): let it finish first.
        // The portal marks <html data-signing-out> in the click itself, before the browser leaves for the provider.
        const signingOut = await page
          .locator('html[data-signing-out]')
          .count()
          .catch(() => 1);
        const signedOut = (url: URL) => url.pathname === '/signed-out';
        if (signingOut > 0 || /\/oidc\//.test(page.url())) await page.waitForURL(signedOut);
        try {
          await page.goto('/sign-in');
        } catch (error) {
          // The sign-out left for the provider after all (its redirect started later than the check): let it end.
          if (!/interrupted by another navigation/.test((error as Error).message)) throw error;
          await page.waitForURL(signedOut);
          await page.goto('/sign-in');
        }
        await page.getByTestId('sign-in-button').click();
        // The provider's own login page.
        await page.getByLabel('E-mail').fill(email);
        await page.getByLabel('Password').fill(demoPassword());
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByTestId('signed-in-user')).toContainText(email);
      },
      async screen(name, heading) {
        if (heading !== undefined) await expect(page.getByTestId('view-heading')).toHaveText(heading);
        await expect(page.locator('[aria-busy="true"], [role="status"] .mantine-Loader-root')).toHaveCount(0);
        count += 1;
        await page.screenshot({ path: path.join(dir, `${String(count).padStart(2, '0')}-${slug(name)}.png`), fullPage: true });
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        const report = serious.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        expect(report, `accessibility of "${name}"`).toEqual([]);
      },
      async navigate(label) {
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: label, exact: true }).click();
        // Off the link again: the screen is checked as a reader sees it, not with a hovered link.
        await page.mouse.move(900, 10);
      },
    };
    await use(portal);
  },
});

export { expect };
export type { Locator, Page } from '@playwright/test';
