import { chromium, type Locator, type Page } from 'playwright-core';

/**
 * End-to-end check of the portal's programme overview, in a real Chromium, against a running platform.
 * Written on playwright-core alone (no @playwright/test): the caller starts the platform and the portal, then awaits
 * `runPortalE2e`, which throws an Error describing every failed expectation.
 */
export interface PortalE2eOptions {
  /** Where the built portal is served, e.g. http://127.0.0.1:4173 */
  portalUrl: string;
  /** Where to write a full-page screenshot; written whether the run passes or fails. */
  screenshotPath: string;
  /** Longest wait for any single step, in milliseconds. Default 30 000. */
  timeoutMs?: number;
}

const ISMS_MANAGER_ROLE = 'isms_manager';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function runPortalE2e({ portalUrl, screenshotPath, timeoutMs = 30_000 }: PortalE2eOptions): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const diagnostics: string[] = [];
  let page: Page | undefined;
  let failure: unknown;

  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    page.on('console', (message) => {
      if (message.type() === 'error') diagnostics.push(`browser console: ${message.text()}`);
    });
    page.on('pageerror', (error) => diagnostics.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      diagnostics.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText ?? '?'})`),
    );

    const opened = page;
    await step(`open the portal at ${portalUrl}`, () => opened.goto(portalUrl, { waitUntil: 'domcontentloaded' }));
    await signInAsIsmsManager(opened);
    await waitForOverview(opened);

    const problems = await checkOverview(opened);
    if (problems.length > 0) {
      throw new Error(`The programme overview is not as expected:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
  } catch (error) {
    failure = error;
  } finally {
    if (page) {
      await page
        .screenshot({ path: screenshotPath, fullPage: true })
        .catch((error: unknown) => diagnostics.push(`screenshot failed: ${messageOf(error)}`));
    }
    await browser.close();
  }

  if (failure !== undefined) {
    const tail = diagnostics.slice(-15);
    const details = tail.length > 0 ? `\nBrowser diagnostics (last ${tail.length}):\n${tail.map((d) => `  ${d}`).join('\n')}` : '';
    throw new Error(`Portal e2e failed: ${messageOf(failure)}\nScreenshot: ${screenshotPath}${details}`, {
      cause: failure,
    });
  }
}

async function signInAsIsmsManager(page: Page): Promise<void> {
  const users = page.getByTestId('sign-in-user');
  const signInError = page.getByTestId('sign-in-error');

  await step('wait for the sign-in page to list users (or report an error)', () =>
    users.or(signInError).first().waitFor({ state: 'visible' }),
  );
  if (await signInError.isVisible()) {
    throw new Error(`The sign-in page shows an error instead of users: ${await errorTextOf(signInError)}`);
  }

  const manager = page.locator(`[data-testid="sign-in-user"][data-roles~="${ISMS_MANAGER_ROLE}"]`).first();
  if ((await manager.count()) === 0) {
    const offered: string[] = [];
    for (const user of await users.all()) {
      offered.push(`${await user.getAttribute('data-email')} [${await user.getAttribute('data-roles')}]`);
    }
    throw new Error(`No user with the role "${ISMS_MANAGER_ROLE}" is offered at sign-in. Offered: ${offered.join(', ') || 'none'}`);
  }

  await step('click "Sign in as" for the ISMS manager', () => manager.click());
}

async function waitForOverview(page: Page): Promise<void> {
  const overview = page.getByTestId('programme-overview');
  const overviewError = page.getByTestId('overview-error');
  const signInError = page.getByTestId('sign-in-error');

  await step('wait for the programme overview (or an error)', () =>
    overview.or(overviewError).or(signInError).first().waitFor({ state: 'visible' }),
  );
  if (await signInError.isVisible()) {
    throw new Error(`Signing in as the ISMS manager failed: ${await errorTextOf(signInError)}`);
  }
  if (await overviewError.isVisible()) {
    throw new Error(`The programme overview could not be loaded: ${await errorTextOf(overviewError)}`);
  }
}

/** Returns one sentence per failed expectation; an empty list means the overview looks right. */
async function checkOverview(page: Page): Promise<string[]> {
  const problems: string[] = [];

  const heading = await textOf(page.getByTestId('view-heading'));
  if (heading !== 'Programme overview') {
    problems.push(`The ISMS manager's view should be headed "Programme overview", but it is headed "${heading}".`);
  }

  const partialError = page.getByTestId('overview-partial-error');
  if (await partialError.isVisible()) {
    problems.push(`The overview reports that part of it could not be loaded: ${await errorTextOf(partialError)}`);
  }

  const peopleCard = page.getByTestId('summary-people-total');
  if ((await peopleCard.count()) === 0) {
    problems.push('The "People" summary card (data-testid=summary-people-total) is missing.');
  } else {
    const shown = await textOf(peopleCard.locator('.summary-card__value'));
    const total = Number.parseInt(shown, 10);
    if (!Number.isFinite(total) || total <= 0) {
      problems.push(`The "People" summary card shows "${shown}"; expected a number greater than 0.`);
    }
  }

  const riskTable = page.getByTestId('risk-table');
  if ((await riskTable.count()) === 0) {
    problems.push('The risk table (data-testid=risk-table) is missing: the overview shows no risks.');
  } else {
    const rows = await riskTable.locator('tbody tr').count();
    const owners = (await riskTable.getByTestId('risk-owner-name').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    if (rows === 0) problems.push('The risk table has no rows.');
    else if (owners.length === 0) problems.push(`None of the ${rows} rows of the risk table shows an owner's name.`);
  }

  problems.push(...(await checkSoa(page)));
  return problems;
}

/**
 * What the demo data (tools/dev/demo-data.ts) makes of the Statement of Applicability: the controls its four risks
 * treated by "modify" link, plus A.5.31 applied by hand for legal and contractual reasons. The transferred risk
 * (card processor outage, A.5.20) makes nothing applicable, and A.7.4 is excluded with a justification.
 */
const DEMO_SOA = {
  applicable: ['A.5.15', 'A.5.18', 'A.5.30', 'A.5.31', 'A.6.3', 'A.8.2', 'A.8.5', 'A.8.7', 'A.8.13'],
  rows: {
    'A.8.13': { applicable: 'Yes', reasons: 'Risk treatment', risks: ['Ransomware halts payment processing'], justification: '—' },
    'A.8.5': {
      applicable: 'Yes',
      reasons: 'Risk treatment',
      risks: ['Cardholder data exposed through excessive access rights', 'Phishing leads to credential theft'],
      justification: '—',
    },
    'A.5.31': { applicable: 'Yes', reasons: 'Legal, Contractual', risks: [], justification: '—' },
    'A.5.20': { applicable: 'No', reasons: '—', risks: [], justification: '—' },
    'A.7.4': {
      applicable: 'No',
      reasons: '—',
      risks: [],
      justification: 'No premises of our own: data centres are colocated and monitored by the provider under contract',
    },
  } as Record<string, SoaRowText>,
};

interface SoaRowText {
  applicable: string;
  reasons: string;
  /** Titles of the linked risks (the table shows their ids, titled), sorted. */
  risks: string[];
  justification: string;
}

/**
 * Compares the SoA table with the demo data. The SoA follows risk treatment through Kafka, so the page is reloaded
 * until it matches or `timeoutMs` passes; the differences of the last look are reported.
 */
async function checkSoa(page: Page, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problems = await soaDifferences(page);
    if (problems.length === 0 || Date.now() > deadline) return problems;
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForOverview(page);
  }
}

async function soaDifferences(page: Page): Promise<string[]> {
  const soaTable = page.getByTestId('soa-table');
  if ((await soaTable.count()) === 0) {
    return ['The Statement of Applicability table (data-testid=soa-table) is missing: the SoA has no entries.'];
  }
  const rows = await soaTable.getByTestId('soa-row').evaluateAll((elements) =>
    elements.map((row) => {
      const cells = [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim());
      return {
        id: row.getAttribute('data-control-id') ?? '',
        applicable: cells[2] ?? '',
        reasons: cells[3] ?? '',
        risks: [...row.querySelectorAll('td:nth-of-type(5) code')].map((code) => code.getAttribute('title') ?? code.textContent ?? '').sort(),
        justification: cells[5] ?? '',
      };
    }),
  );
  const problems: string[] = [];
  if (rows.length !== 93) problems.push(`The SoA table should list the 93 Annex A controls, but it has ${rows.length} rows.`);
  const applicable = rows.filter((row) => row.applicable === 'Yes').map((row) => row.id);
  if (JSON.stringify(applicable) !== JSON.stringify(DEMO_SOA.applicable)) {
    problems.push(`The SoA should show ${DEMO_SOA.applicable.join(', ')} as applicable, but shows ${applicable.join(', ') || 'none'}.`);
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const [id, expected] of Object.entries(DEMO_SOA.rows)) {
    const shown = byId.get(id);
    if (!shown) {
      problems.push(`The SoA has no row for ${id}.`);
      continue;
    }
    const { id: _id, ...actual } = shown;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      problems.push(`The SoA row of ${id} should be ${JSON.stringify(expected)}, but it is ${JSON.stringify(actual)}.`);
    }
  }
  const card = page.getByTestId('summary-applicable-controls');
  const counted = (await card.count()) === 0 ? 'missing' : await textOf(card.locator('.summary-card__value'));
  const wanted = `${DEMO_SOA.applicable.length} of 93`;
  if (counted !== wanted) problems.push(`The "Applicable controls" summary card should show "${wanted}", but shows "${counted}".`);
  return problems;
}

/** Runs one step; a failure (often a Playwright timeout) is reported with the step's name first. */
async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new Error(`Could not ${name}: ${firstLine(messageOf(error))}`, { cause: error });
  }
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The words of an error panel (title, summary, server messages), without its buttons. */
async function errorTextOf(panel: Locator): Promise<string> {
  const parts = await panel
    .locator('.error-panel__title, .error-panel__summary, .error-panel__details li')
    .allInnerTexts();
  const text = parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return text.length > 0 ? text.join(' | ') : textOf(panel);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
