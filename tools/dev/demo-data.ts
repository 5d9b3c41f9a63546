/** Loads the demo organisation through the gateway, as its ISMS manager would. Idempotent. */
export async function seedDemoData(gatewayOrigin: string, log: (line: string) => void): Promise<boolean> {
  const login = await fetch(`${gatewayOrigin}/auth/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.example' }),
  });
  if (!login.ok) throw new Error(`demo login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${gatewayOrigin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  };

  const existing = await gql<{ orgUnits: { id: string }[] }>('{ orgUnits { id } }');
  if (existing.orgUnits.length > 0) return false;

  const unit = async (name: string, kind: string, parentId: string | null = null): Promise<string> =>
    (await gql<{ createOrgUnit: { id: string } }>('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind, parentId } }))
      .createOrgUnit.id;
  const person = async (email: string, name: string, unitId: string, jobRole: string): Promise<string> =>
    (await gql<{ createPerson: { id: string } }>('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { email, name, unitId, jobRole } }))
      .createPerson.id;

  const retail = await unit('Retail Banking', 'BUSINESS_UNIT');
  const payments = await unit('Payments', 'DEPARTMENT', retail);
  const cards = await unit('Cards', 'TEAM', payments);
  const corporate = await unit('Corporate Functions', 'BUSINESS_UNIT');
  const it = await unit('IT Operations', 'DEPARTMENT', corporate);
  const security = await unit('Information Security', 'DEPARTMENT', corporate);
  const audit = await unit('Internal Audit', 'DEPARTMENT', corporate);
  const service = await unit('Customer Service', 'DEPARTMENT', retail);
  log('demo data: 8 organisation units');

  await person('isms.manager@demo.example', 'Iris Mendes', security, 'ISMS manager');
  await person('ceo@demo.example', 'Evelyn Carter', corporate, 'Chief executive');
  await person('risk.owner@demo.example', 'Rafael Ortiz', payments, 'Head of Payments');
  await person('control.owner@demo.example', 'Chen Wei', it, 'IT operations lead');
  await person('employee@demo.example', 'Emma Jones', service, 'Customer service agent');
  await person('internal.auditor@demo.example', 'Ines Alvarez', audit, 'Internal auditor');
  await person('cards.lead@demo.example', 'Noah Fischer', cards, 'Cards team lead');
  log('demo data: 7 people');
  return true;
}
