import { expect, test, type Page } from '../support/portal';

const PEOPLE = [
  'admin@demo.example',
  'isms.manager@demo.example',
  'ceo@demo.example',
  'risk.owner@demo.example',
  'control.owner@demo.example',
  'employee@demo.example',
  'internal.auditor@demo.example',
  // The certification body's auditor, under the demo grant: every page they are offered works inside the grant.
  'auditor@certbody.example',
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
    // Eight people, every page of their navigation and every page they are not offered: a long walk.
    test.setTimeout(600_000);
    const offered = new Map<string, string[]>();
    // Every screen in anyone's navigation is checked with axe (and kept as a screenshot) at least once, as the first
    // role offered it sees it: the journeys of each area cover the screens they work in, this covers the rest.
    const checked = new Set<string>();
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
        if (!checked.has(target)) {
          checked.add(target);
          await page.mouse.move(700, 30); // no hover styles in the check: the empty middle of the header
          await portal.screen(`${email.split('@')[0]} ${target}`);
        }
      }
      await page.getByTestId('sign-out').click();
      await page.waitForURL('**/signed-out');
    }

    // A page a role is not offered (a bookmark, a shared URL) either opens (the link is only kept out of the way of
    // roles for whom it is not their work) or explains in words that the role may not open it; never a refusal of
    // its data, an error or a blank page.
    const everyPage = [...new Set([...offered.values()].flat())];
    const turnedAway = new Map<string, string[]>();
    let screened = false;
    for (const email of PEOPLE) {
      const mine = new Set(offered.get(email));
      const others = everyPage.filter((target) => !mine.has(target));
      if (others.length === 0) continue;
      await portal.signInAs(email);
      for (const target of others) {
        await page.goto(target);
        await settled(page);
        await expect(page.getByText(REFUSED), `${email} opening ${target} is not refused data`).toHaveCount(0);
        if (await page.getByTestId('not-allowed').isVisible()) {
          turnedAway.set(email, [...(turnedAway.get(email) ?? []), target]);
          if (!screened) {
            await portal.screen('not allowed', 'Not available for your role');
            screened = true;
          }
        }
      }
      await page.getByTestId('sign-out').click();
      await page.waitForURL('**/signed-out');
    }
    // The employee reads only their own work: the programme's registers are closed to them.
    expect(turnedAway.get('employee@demo.example')).toEqual(expect.arrayContaining(['/risks', '/soa', '/programme', '/organisation/people', '/policies']));
    // The external auditor manages nothing: neither role assignments, service accounts nor imports.
    expect(turnedAway.get('auditor@certbody.example')).toEqual(expect.arrayContaining(['/access/role-assignments', '/access/service-accounts', '/organisation/import']));
    // Only top management approves the scope.
    expect(turnedAway.get('isms.manager@demo.example')).toEqual(expect.arrayContaining(['/approvals']));
  });
});
