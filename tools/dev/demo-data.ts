import { tokenSource } from './oidc-login';

/** Retries while what a step needs has not arrived through Kafka yet (the error says so), for up to 20 s. */
async function retryUntil(step: () => Promise<unknown>, pending: RegExp): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt > 100 || !pending.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Loads the demo organisation through the gateway, as its administrator would (signed in at the provider). Idempotent. */
export async function seedDemoData(
  platform: { gatewayOrigin: string; issuer: string; demoPassword: string },
  log: (line: string) => void,
): Promise<boolean> {
  const { gatewayOrigin } = platform;
  const tokenOf = tokenSource(platform.issuer, platform.demoPassword);
  const as = (accessToken: string) => async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const response = await fetch(`${gatewayOrigin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  };
  const gql = as(await tokenOf('admin@demo.example'));

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
  const ceo = await person('ceo@demo.example', 'Evelyn Carter', corporate, 'Chief executive');
  const riskOwner = await person('risk.owner@demo.example', 'Rafael Ortiz', payments, 'Head of Payments');
  const controlOwner = await person('control.owner@demo.example', 'Chen Wei', it, 'IT operations lead');
  const employee = await person('employee@demo.example', 'Emma Jones', service, 'Customer service agent');
  await person('internal.auditor@demo.example', 'Ines Alvarez', audit, 'Internal auditor');
  const cardsLead = await person('cards.lead@demo.example', 'Noah Fischer', cards, 'Cards team lead');
  log('demo data: 7 people');

  // Responsibility per department: the owners reach their own units (and sub-units), nothing else.
  const assign = (personId: string, role: string, unitId: string) =>
    gql('mutation($i: AssignRoleInput!) { assignRole(input: $i) { id } }', { i: { personId, role, unitId } });
  await assign(riskOwner, 'RISK_OWNER', payments);
  await assign(controlOwner, 'CONTROL_OWNER', it);
  log('demo data: role assignments (risk owner over Payments, control owner over IT Operations)');

  const risks: { title: string; ownerId: string; unitId: string; likelihood: number; impact: number; treatment: string; rationale: string; controls: string[] }[] = [
    {
      title: 'Cardholder data exposed through excessive access rights',
      ownerId: riskOwner,
      unitId: payments,
      likelihood: 4,
      impact: 5,
      treatment: 'MODIFY',
      rationale: 'Quarterly access reviews, least privilege and MFA for the card platform',
      controls: ['A.5.15', 'A.5.18', 'A.8.2', 'A.8.5'],
    },
    {
      title: 'Ransomware halts payment processing',
      ownerId: controlOwner,
      unitId: it,
      likelihood: 3,
      impact: 5,
      treatment: 'MODIFY',
      rationale: 'Hardened endpoints, immutable backups and a tested recovery plan',
      controls: ['A.8.7', 'A.8.13', 'A.5.30'],
    },
    {
      title: 'Card processor outage',
      ownerId: cardsLead,
      unitId: cards,
      likelihood: 2,
      impact: 4,
      treatment: 'TRANSFER',
      rationale: 'Contractual service levels and cyber insurance cover the residual impact',
      controls: ['A.5.20'],
    },
    {
      title: 'Phishing leads to credential theft',
      ownerId: manager,
      unitId: security,
      likelihood: 4,
      impact: 3,
      treatment: 'MODIFY',
      rationale: 'Awareness training and phishing-resistant authentication',
      controls: ['A.6.3', 'A.8.5'],
    },
  ];
  const riskIds: string[] = [];
  for (const risk of risks) {
    const { createRisk } = await gql<{ createRisk: { id: string } }>('mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }', {
      i: { title: risk.title, ownerId: risk.ownerId, unitId: risk.unitId, inherentLikelihood: risk.likelihood, inherentImpact: risk.impact },
    });
    riskIds.push(createRisk.id);
    await gql('mutation($i: TreatRiskInput!) { treatRisk(input: $i) { id } }', {
      i: { riskId: createRisk.id, treatment: risk.treatment, rationale: risk.rationale, controlIds: risk.controls },
    });
  }
  const [cardRisk, ransomwareRisk] = riskIds as [string, string];
  await gql('mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id } }', {
    i: { riskId: cardRisk, kind: 'RESIDUAL', likelihood: 2, impact: 4, note: 'After quarterly access reviews and MFA' },
  });
  await as(await tokenOf('risk.owner@demo.example'))('mutation($i: AcceptResidualRiskInput!) { acceptResidualRisk(input: $i) { id } }', {
    i: { riskId: cardRisk, note: 'Residual risk accepted for the certification period; reviewed quarterly' },
  });
  await gql('mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id } }', {
    i: { riskId: ransomwareRisk, kind: 'RESIDUAL', likelihood: 2, impact: 5, note: 'Backups immutable; recovery test pending' },
  });
  await gql('mutation($i: CreateRiskAssetInput!) { createRiskAsset(input: $i) { id } }', {
    i: { type: 'SOFTWARE', name: 'Card processing platform', ownerId: riskOwner, unitId: payments, confidentiality: 'HIGH', integrity: 'HIGH', availability: 'HIGH', riskIds: [cardRisk, ransomwareRisk] },
  });
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
    await retryUntil(
      () => gql('mutation($i: AssignCourseInput!) { assignCourse(input: $i) { id } }', { i: { courseId: createCourse.id, personId, dueOn } }),
      /not known to training/i,
    );
  }
  log('demo data: awareness course assigned to 3 people');

  // A course with content and a quiz for the course player: two of three questions drawn per attempt, all must be right.
  const { createCourse: phishing } = await gql<{ createCourse: { id: string } }>('mutation($i: CreateCourseInput!) { createCourse(input: $i) { id } }', {
    i: {
      title: 'Phishing: spot it, report it',
      kind: 'AWARENESS',
      durationMinutes: 15,
      content: { kind: 'MARKDOWN', markdown: '# Phishing\n\nCheck the sender, hover before you click, and **report** suspicious e-mails with the Report button. Never share your password.' },
    },
  });
  await gql('mutation($i: SetCourseQuizInput!) { setCourseQuiz(input: $i) { version } }', {
    i: {
      courseId: phishing.id,
      passMarkPercent: 100,
      questionsPerAttempt: 2,
      maxAttempts: 3,
      questions: [
        { kind: 'SINGLE_CHOICE', text: 'What do you do with a suspicious e-mail?', options: ['Report it with the Report button', 'Forward it to colleagues'], correctOptions: [0] },
        { kind: 'SINGLE_CHOICE', text: 'Who may know your password?', options: ['The IT helpdesk', 'Nobody but you'], correctOptions: [1] },
        { kind: 'MULTIPLE_CHOICE', text: 'Which are signs of phishing?', options: ['Urgent pressure to act', 'A sender address that does not match', 'Your usual weekly newsletter'], correctOptions: [0, 1] },
      ],
    },
  });
  await gql('mutation($i: AssignCourseInput!) { assignCourse(input: $i) { id } }', { i: { courseId: phishing.id, personId: employee, dueOn } });
  log('demo data: phishing course with a quiz assigned to the demo employee');

  const today = new Date().toISOString().slice(0, 10);
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await gql('mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
    i: { type: 'INTERNAL', title: 'Internal audit of access control', startsOn: today, endsOn: inTwoWeeks, leadAuditor: 'Ines Alvarez' },
  });
  // Evidence in departments, mapped to controls and clauses: accepted (expiring soon), and one awaiting review.
  const addEvidence = async (i: Record<string, unknown>): Promise<string> =>
    (await gql<{ addEvidence: { id: string } }>('mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { id } }', { i })).addEvidence.id;
  const accessReview = await addEvidence({
    title: 'Quarterly access review, card platform',
    unitId: payments,
    controlIds: ['A.5.18', 'A.8.2'],
    clauses: ['9.1'],
    validUntil: inTwoWeeks,
    content: { kind: 'LINK', url: 'https://intranet.demo.example/reviews/card-platform-access' },
  });
  await as(await tokenOf('isms.manager@demo.example'))('mutation($i: ReviewEvidenceInput!) { reviewEvidence(input: $i) { id } }', {
    i: { id: accessReview, decision: 'APPROVED', reason: 'All leavers removed; signed off by the head of Payments' },
  });
  await addEvidence({
    title: 'Backup restore test, payment database',
    unitId: it,
    controlIds: ['A.8.13'],
    source: 'COLLECTOR',
    content: { kind: 'RECORD', payload: JSON.stringify({ restoredTerabytes: 2.1, hours: 3.7, checksumsMatch: true }), assertionPassed: true },
  });
  log('demo data: an internal audit engagement; 2 evidence items (one accepted, one awaiting review)');

  // The certification body's Stage 1 review: its lead auditor works under a grant for that engagement only.
  const inSixWeeks = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
  const { createEngagement: stage1 } = await gql<{ createEngagement: { id: string } }>('mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
    i: { type: 'STAGE_1', title: 'Stage 1 certification audit (documentation review)', startsOn: inTwoWeeks, endsOn: inSixWeeks, leadAuditor: 'Olivia Brandt, CertBody' },
  });
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  await retryUntil(
    () =>
      gql('mutation($i: GrantAuditorAccessInput!) { grantAuditorAccess(input: $i) { id } }', {
        i: {
          engagementId: stage1.id,
          auditorName: 'Olivia Brandt',
          auditorEmail: 'auditor@certbody.example',
          firm: 'CertBody Ltd',
          unitIds: [payments, it],
          periodStart: yearAgo,
          periodEnd: today,
          expiresAt: `${inSixWeeks}T23:59:59Z`,
        },
      }),
    /unknown unit/i,
  );
  log('demo data: a Stage 1 engagement, with access for the certification body\'s auditor (Payments and IT Operations)');

  // More evidence: a file the auditor may download (IT Operations), one awaiting review, one outside the auditor's grant.
  const asControlOwner = as(await tokenOf('control.owner@demo.example'));
  const asManager = as(await tokenOf('isms.manager@demo.example'));
  const addEvidenceAs = async (call: typeof gql, i: Record<string, unknown>): Promise<string> =>
    (await call<{ addEvidence: { id: string } }>('mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { id } }', { i })).addEvidence.id;
  const accept = (id: string, reason: string) =>
    asManager('mutation($i: ReviewEvidenceInput!) { reviewEvidence(input: $i) { id } }', { i: { id, decision: 'APPROVED', reason } });
  const inYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  // A file uploaded as the control owner of IT Operations (streamed through the gateway like the portal's uploads).
  const uploadToken = await tokenOf('control.owner@demo.example');
  const form = new FormData();
  form.append('unitId', it);
  form.append('file', new Blob(['Restore test of the payment database from the immutable backup: 2.1 TB restored in 3 h 40 min, checksums match.\n'], { type: 'text/plain' }), 'backup-restore-test.txt');
  let file = { id: '' };
  // The control owner's responsibility for IT Operations reaches evidence-service through Kafka.
  await retryUntil(async () => {
    const uploaded = await fetch(`${gatewayOrigin}/evidence/files`, { method: 'POST', headers: { authorization: `Bearer ${uploadToken}` }, body: form });
    if (uploaded.status !== 201) throw new Error(`demo evidence file upload answered ${uploaded.status}: ${await uploaded.text()}`);
    file = (await uploaded.json()) as { id: string };
  }, /answered 403/);
  const restoreTest = await addEvidenceAs(asControlOwner, {
    title: 'Restore test report, payment database',
    unitId: it,
    controlIds: ['A.8.13'],
    validUntil: inYear,
    content: { kind: 'FILE', fileId: file.id },
  });
  await accept(restoreTest, 'Restore within the recovery time objective');
  await addEvidenceAs(asControlOwner, {
    title: 'Endpoint hardening baseline',
    unitId: it,
    controlIds: ['A.8.7'],
    validUntil: inYear,
    content: { kind: 'LINK', url: 'https://intranet.demo.example/it/endpoint-baseline' },
  });
  const callRetention = await addEvidenceAs(gql, {
    title: 'Call recording retention check',
    unitId: service,
    controlIds: ['A.5.33'],
    validUntil: inYear,
    content: { kind: 'RECORD', payload: JSON.stringify({ note: 'Recordings older than 24 months are deleted by the nightly job; sample of 20 checked.' }), assertionPassed: true },
  });
  await accept(callRetention, 'Sample checked');
  log('demo data: 3 more evidence items (a restore test report file, an endpoint baseline awaiting review, a Customer Service check)');

  // The ISMS scope, approved by top management; the SoA follows it.
  const { createIsmsScopeDraft: draft } = await gql<{ createIsmsScopeDraft: { id: string } }>('mutation { createIsmsScopeDraft { id } }');
  await gql('mutation($i: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $i) { id } }', {
    i: {
      id: draft.id,
      statement: 'The information security management system covering card payments and the corporate functions that support them.',
      inScopeUnitIds: [retail, payments, cards, corporate, it, security],
      locations: ['Head office, London', 'Primary data centre (colocation), Slough'],
      systems: ['Card processing platform', 'Customer service CRM', 'Corporate identity provider'],
      interfaces: ['Card scheme networks', 'Outsourced card processor', 'Cloud e-mail provider'],
      exclusions: [{ item: 'Mortgage lending', justification: 'Separate legal entity with its own certification' }],
    },
  });
  await gql('mutation($id: ID!) { submitIsmsScopeForApproval(id: $id) { id } }', { id: draft.id });
  await as(await tokenOf('ceo@demo.example'))('mutation($id: ID!) { approveIsmsScope(id: $id) { id } }', { id: draft.id });
  log('demo data: ISMS scope v1 approved by the chief executive');

  const { createInterestedParty: regulator } = await gql<{ createInterestedParty: { id: string } }>(
    'mutation($i: CreateInterestedPartyInput!) { createInterestedParty(input: $i) { id } }',
    { i: { name: 'Financial Conduct Authority', requirements: ['Operational resilience', 'Incident reporting within deadlines'] } },
  );
  await gql('mutation($i: CreateObligationInput!) { createObligation(input: $i) { id } }', {
    i: { title: 'Digital Operational Resilience Act (DORA)', kind: 'REGULATORY', source: 'EU 2022/2554', ownerId: manager, interestedPartyId: regulator.id, reviewDate: inTwoWeeks },
  });
  await gql('mutation($i: CreateObligationInput!) { createObligation(input: $i) { id } }', {
    i: { title: 'PCI DSS v4.0 for the card platform', kind: 'CONTRACTUAL', source: 'Card scheme agreements', ownerId: riskOwner },
  });
  const { createObjective } = await gql<{ createObjective: { id: string } }>('mutation($i: CreateObjectiveInput!) { createObjective(input: $i) { id } }', {
    i: { title: 'Fewer people fall for phishing', metric: 'Phishing simulation click rate', targetValue: 5, unit: '%', direction: 'LOWER_IS_BETTER', ownerId: manager },
  });
  for (const [value, daysAgo] of [[14, 90], [9, 60], [6, 30]] as const) {
    await gql('mutation($i: RecordObjectiveMeasurementInput!) { recordObjectiveMeasurement(input: $i) { id } }', {
      i: { objectiveId: createObjective.id, value, measuredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString() },
    });
  }
  log('demo data: a regulator, two obligations and a measured objective');

  const { startCertificationProject: project } = await gql<{ startCertificationProject: { phases: { id: string; key: string }[] } }>(
    'mutation { startCertificationProject { phases { id key } } }',
  );
  const [plan, scope, riskPhase] = project.phases;
  const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  for (const [phase, title, ownerId, dueDate] of [
    [plan, 'Appoint the ISMS manager and the project team', manager, lastWeek],
    [scope, 'Agree the scope statement with the executive committee', manager, today],
    [riskPhase, 'Run the first risk assessment workshop with Payments', riskOwner, inTwoWeeks],
  ] as const) {
    await gql('mutation($i: AddCertificationTaskInput!) { addCertificationTask(input: $i) { id } }', { i: { phaseId: phase?.id, title, ownerId, dueDate } });
  }
  await gql('mutation($i: RecordManagementCommitmentInput!) { recordManagementCommitment(input: $i) { id } }', {
    i: { sponsorPersonId: ceo, decision: 'The executive committee sponsors ISO/IEC 27001 certification of card payments by Q3 and funds the programme.', decidedOn: lastWeek },
  });
  log('demo data: certification project started, with management commitment');

  const { createPolicy } = await gql<{ createPolicy: { versions: { id: string }[] } }>(
    'mutation($i: CreatePolicyInput!) { createPolicy(input: $i) { versions { id } } }',
    {
      i: {
        title: 'Information security policy',
        approverRole: 'EXECUTIVE',
        audience: { everyone: true },
        controlIds: ['A.5.1'],
        content: { body: '# Information security policy\n\nWe protect the information of our customers and staff...', changeSummary: 'First issue' },
      },
    },
  );
  const versionId = createPolicy.versions[0]?.id;
  // Submitted for approval by the programme, then approved by the CEO (the role the policy names), never by its author.
  await gql('mutation($v: ID!) { submitPolicyVersionForApproval(versionId: $v) { id } }', { v: versionId });
  await as(await tokenOf('ceo@demo.example'))('mutation($v: ID!) { approvePolicyVersion(versionId: $v) { id } }', { v: versionId });
  await gql('mutation($v: ID!) { publishPolicyVersion(versionId: $v) { id } }', { v: versionId });
  log('demo data: information security policy published; acknowledgement tasks follow through Kafka');

  const { gapQuestionnaire } = await gql<{ gapQuestionnaire: { itemId: string; kind: string }[] }>('{ gapQuestionnaire { itemId kind } }');
  const answers = gapQuestionnaire.slice(0, 12).map((question, index) => ({
    itemId: question.itemId,
    status: (['FULLY', 'LARGELY', 'PARTIAL', 'NOT_IN_PLACE'] as const)[index % 4],
    currentState: 'Assessed in the initial gap workshop',
    gap: index % 4 === 0 ? null : 'Documented practice is incomplete',
    remediationAction: index % 4 === 0 ? null : 'Document and implement the missing practice',
    remediationOwnerId: index % 4 === 0 ? null : manager,
    remediationDueOn: index % 4 === 0 ? null : inTwoWeeks,
  }));
  await gql('mutation($i: AnswerGapQuestionnaireInput!) { answerGapQuestionnaire(input: $i) { itemId } }', { i: { answers } });
  log(`demo data: ${answers.length} gap questions answered`);

  // The SoA is submitted once controls-service has the approved scope (it arrives through Kafka); top management,
  // who changed none of it, approves and so publishes it.
  let submissionId = '';
  await retryUntil(async () => {
    submissionId = (await gql<{ submitSoaVersion: { id: string } }>('mutation { submitSoaVersion(note: "Statement of Applicability for the Stage 1 audit") { id } }')).submitSoaVersion.id;
  }, /no ISMS scope has been approved yet/);
  await as(await tokenOf('ceo@demo.example'))('mutation($id: ID!) { approveSoaVersion(id: $id) { number } }', { id: submissionId });
  log('demo data: SoA version 1 submitted and approved');

  // The demo is ready when what other services derive from it has arrived: the employee's acknowledgement task.
  const asEmployee = as(await tokenOf('employee@demo.example'));
  await retryUntil(async () => {
    const { myPendingPolicyAcknowledgements: pending } = await asEmployee<{ myPendingPolicyAcknowledgements: unknown[] }>('{ myPendingPolicyAcknowledgements { id } }');
    if (pending.length === 0) throw new Error('acknowledgement tasks not arrived yet');
  }, /not arrived yet/);
  log('demo data: acknowledgement tasks are open');

  // Competence (clause 7.2): what the demo job roles require, and one record, entered by the ISMS manager (never by
  // the person it is about). The person reaches training through Kafka.
  const competence = async (name: string, description: string): Promise<string> =>
    (await gql<{ createCompetence: { id: string } }>('mutation($i: CreateCompetenceInput!) { createCompetence(input: $i) { id } }', { i: { name, description } })).createCompetence.id;
  const dataProtection = await competence('Customer data protection', "Handles customers' personal and card data by the bank's data protection rules");
  const incidentHandling = await competence('Incident handling', 'Recognises, reports and contains information security incidents (A.5.24 to A.5.27)');
  const ismsImplementation = await competence('ISO/IEC 27001 implementation', 'Runs an ISMS to ISO/IEC 27001:2022: scope, risk, SoA, internal audit');
  const requires = (jobRole: string, competenceIds: string[]) =>
    gql('mutation($i: SetJobRoleCompetencesInput!) { setJobRoleCompetences(input: $i) { jobRole } }', { i: { jobRole, competenceIds } });
  await requires('Customer service agent', [dataProtection]);
  await requires('IT operations lead', [incidentHandling]);
  await requires('ISMS manager', [ismsImplementation, incidentHandling]);
  await retryUntil(
    () =>
      asManager('mutation($i: RecordCompetenceInput!) { recordCompetence(input: $i) { id } }', {
        i: { personId: controlOwner, competenceId: incidentHandling, kind: 'QUALIFICATION', title: 'GIAC Certified Incident Handler', obtainedOn: '2025-05-14', validUntil: '2029-05-13', issuer: 'GIAC' },
      }),
    /known to training/,
  );
  log('demo data: 3 competences required by 3 job roles, one recorded');

  // Automated collectors, their evidence in Information Security: the gateway's access log daily (A.8.15) and training
  // completions and acknowledgements weekly (A.6.3, 7.2, 7.3), the latter collected once now.
  const configureCollector = (collectorId: string, config: Record<string, unknown>, schedule: string | null = null) =>
    gql<{ configureCollector: { id: string } }>('mutation($i: ConfigureCollectorInput!) { configureCollector(input: $i) { id } }', {
      i: { collectorId, unitId: security, schedule, config: JSON.stringify(config) },
    });
  // The unit reaches evidence-service through Kafka.
  await retryUntil(() => configureCollector('gateway.access-log', { periodDays: 7 }), /not an active unit/);
  const awareness = (await configureCollector('training.awareness', { minCompletionRate: 0.9 }, '30 2 * * 1')).configureCollector;
  await gql('mutation($id: ID!) { runCollectorNow(configurationId: $id) { id } }', { id: awareness.id });
  log('demo data: 2 evidence collectors (gateway access log, training awareness), awareness collected once');

  // Flow 2: the control owner is named for anti-malware (A.8.7) in IT Operations, so evidence-service opens the
  // requirement's monthly request to them (the implementation reaches it through Kafka).
  await gql('mutation($i: CreateControlImplementationInput!) { createControlImplementation(input: $i) { id } }', {
    i: { controlId: 'A.8.7', unitId: it, ownerId: controlOwner, status: 'IMPLEMENTED', maturity: 3, description: 'Endpoint protection on every laptop and server, managed centrally; alerts go to the SOC.' },
  });
  await retryUntil(async () => {
    const { myEvidenceRequests } = await asControlOwner<{ myEvidenceRequests: { totalCount: number } }>('{ myEvidenceRequests(first: 1) { totalCount } }');
    if (myEvidenceRequests.totalCount === 0) throw new Error('evidence request not opened yet');
  }, /not opened yet/);
  log('demo data: an evidence request to the control owner (A.8.7 in IT Operations)');
  return true;
}
