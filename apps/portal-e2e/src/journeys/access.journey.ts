import { expect, test, type Page } from '../support/portal';

const PEOPLE = [
  'admin@demo.example',
  'isms.manager@demo.example',
  'ceo@demo.example',
  'risk.owner@demo.example',
  'control.owner@demo.example',
  'employee@demo.example',
  'internal.auditor@demo.example',
] as const;

const REFUSED = 'Your role may not see or change this';

async function navTargets(page: Page): Promise<string[]> {
  const links = await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').all();
  const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
  return [...new Set(hrefs.filter((href): href is string => href !== null && href !== '/'))];
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByTestId('view-heading')).toBeVisible();
  await expect(page.locator('[aria-busy="true"], .mantine-Loader-root')).toHaveCount(0);
}

test.describe('access per role', () => {
  test('every role is offered only pages it may load, and is turned away in words from the others', async ({ page, portal }) => {
    const offered = new Map<string, string[]>();
    for (const email of PEOPLE) {
      await portal.signInAs(email);
      const targets = await navTargets(page);
      expect(targets.length, `${email} is offered some pages`).toBeGreaterThan(0);
      offered.set(email, targets);
      for (const target of targets) {
        await page.goto(target);
        await settled(page);
        await expect(page.getByTestId('not-allowed'), `${email} may open ${target}`).toHaveCount(0);
        await expect(page.getByText(REFUSED), `${email} is not refused data on ${target}`).toHaveCount(0);
      }
      await page.getByTestId('sign-out').click();
    }

    const everyPage = [...new Set([...offered.values()].flat())];
    let screened = false;
    for (const email of PEOPLE) {
      const mine = new Set(offered.get(email));
      const others = everyPage.filter((target) => !mine.has(target));
      if (others.length === 0) continue;
      await portal.signInAs(email);
      for (const target of others) {
        // A deep link (a bookmark, a shared URL) to a page the role may not load explains itself instead of failing.
        await page.goto(target);
        await expect(page.getByTestId('not-allowed'), `${email} is turned away from ${target}`).toBeVisible();
        await expect(page.getByText(REFUSED)).toHaveCount(0);
        if (!screened) {
          await portal.screen('not allowed', 'Not available for your role');
          screened = true;
        }
      }
      await page.getByTestId('sign-out').click();
    }
  });
});
