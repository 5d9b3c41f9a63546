import { expect, test } from '../support/portal';

test.describe('every role', () => {
  test('signs in and lands on a home that says what to do next', async ({ page, portal }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
    await portal.screen('sign-in', 'Sign in');

    await portal.signInAs('employee@demo.example');
    await expect(page.getByTestId('view-heading')).toHaveText('Good to see you, Emma');
    // What the employee still has to do depends on what other journeys already did with the demo data; the
    // employee journey checks the items themselves. Here: the home answers, in words, without an error.
    await expect(page.getByTestId('todo-list').or(page.getByTestId('todo-empty'))).toBeVisible();
    await expect(page.getByTestId('error-alert')).toHaveCount(0);
    await portal.screen('employee home');
    // An employee is offered only their own work: no risk register, no SoA.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav.getByRole('link', { name: 'Risk register' })).toHaveCount(0);

    await page.getByTestId('sign-out').click();
    await portal.signInAs('ceo@demo.example');
    await expect(page.getByTestId('home-todos')).toContainText('Certification readiness');
    await portal.screen('executive home');

    await page.getByTestId('sign-out').click();
    await portal.signInAs('isms.manager@demo.example');
    await expect(page.getByTestId('todo-list')).toContainText('Assess');
    await portal.screen('isms manager home');

    // A deep link to an address that does not exist says so in words.
    await page.goto('/no/such/page');
    await expect(page.getByTestId('not-found')).toBeVisible();
    await portal.screen('not found', 'Page not found');
    await page.goBack();
    await expect(page.getByTestId('view-heading')).toHaveText('Good to see you, Iris');
  });
});
