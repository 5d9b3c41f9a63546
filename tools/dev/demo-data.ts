/** Retries while the person has not reached training-service's replica yet (it arrives through Kafka). */
async function eventuallyAssign(assign: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await assign();
      return;
    } catch (error) {
      if (attempt > 100 || !/not known to training/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Loads the demo organisation through the gateway, as its administrator would. Idempotent. */
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

  const manager = await person('isms.manager@demo.example', 'Iris Mendes', security, 'ISMS manager');
  await person('ceo@demo.example', 'Evelyn Carter', corporate, 'Chief executive');
  const riskOwner = await person('risk.owner@demo.example', 'Rafael Ortiz', payments, 'Head of Payments');
  const controlOwner = await person('control.owner@demo.example', 'Chen Wei', it, 'IT operations lead');
  const employee = await person('employee@demo.example', 'Emma Jones', service, 'Customer service agent');
  await person('internal.auditor@demo.example', 'Ines Alvarez', audit, 'Internal auditor');
  const cardsLead = await person('cards.lead@demo.example', 'Noah Fischer', cards, 'Cards team lead');
  log('demo data: 7 people');

  const risks: { title: string; ownerId: string; likelihood: number; impact: number; treatment: string; rationale: string; controls: string[] }[] = [
    {
      title: 'Cardholder data exposed through excessive access rights',
      ownerId: riskOwner,
      likelihood: 4,
      impact: 5,
      treatment: 'MODIFY',
      rationale: 'Quarterly access reviews, least privilege and MFA for the card platform',
      controls: ['A.5.15', 'A.5.18', 'A.8.2', 'A.8.5'],
    },
    {
      title: 'Ransomware halts payment processing',
      ownerId: controlOwner,
      likelihood: 3,
      impact: 5,
      treatment: 'MODIFY',
      rationale: 'Hardened endpoints, immutable backups and a tested recovery plan',
      controls: ['A.8.7', 'A.8.13', 'A.5.30'],
    },
    {
      title: 'Card processor outage',
      ownerId: cardsLead,
      likelihood: 2,
      impact: 4,
      treatment: 'TRANSFER',
      rationale: 'Contractual service levels and cyber insurance cover the residual impact',
      controls: ['A.5.20'],
    },
    {
      title: 'Phishing leads to credential theft',
      ownerId: manager,
      likelihood: 4,
      impact: 3,
      treatment: 'MODIFY',
      rationale: 'Awareness training and phishing-resistant authentication',
      controls: ['A.6.3', 'A.8.5'],
    },
  ];
  for (const risk of risks) {
    const { createRisk } = await gql<{ createRisk: { id: string } }>('mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }', {
      i: { title: risk.title, ownerId: risk.ownerId, inherentLikelihood: risk.likelihood, inherentImpact: risk.impact },
    });
    await gql('mutation($i: TreatRiskInput!) { treatRisk(input: $i) { id } }', {
      i: { riskId: createRisk.id, treatment: risk.treatment, rationale: risk.rationale, controlIds: risk.controls },
    });
  }
  await gql('mutation($i: SetControlApplicabilityInput!) { setControlApplicability(input: $i) { applicable } }', {
    i: { controlId: 'A.7.4', applicable: false, reasons: [], justification: 'No premises of our own: data centres are colocated and monitored by the provider under contract' },
  });
  await gql('mutation($i: SetControlApplicabilityInput!) { setControlApplicability(input: $i) { applicable } }', {
    i: { controlId: 'A.5.31', applicable: true, reasons: ['LEGAL', 'CONTRACTUAL'] },
  });
  log(`demo data: ${risks.length} risks with treatment; the SoA follows through Kafka`);

  const { createCourse } = await gql<{ createCourse: { id: string } }>('mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }', {
    i: { title: 'Information security awareness 2026', kind: 'AWARENESS', durationMinutes: 45 },
  });
  const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const personId of [employee, riskOwner, cardsLead]) {
    await eventuallyAssign(() =>
      gql('mutation($i: AssignCourseInput!) { assignCourse(input: $i) { id } }', { i: { courseId: createCourse.id, personId, dueOn } }),
    );
  }
  log('demo data: awareness course assigned to 3 people');

  const today = new Date().toISOString().slice(0, 10);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await gql('mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
    i: { type: 'INTERNAL', title: 'Internal audit of access control', startsOn: today, endsOn: inTwoWeeks, leadAuditor: 'Ines Alvarez' },
  });
  await gql('mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { id } }', {
    i: { title: 'Quarterly access review, card platform', controlId: 'A.5.18', validUntil: inTwoWeeks },
  });
  log('demo data: an internal audit engagement and one evidence item');
  return true;
}
