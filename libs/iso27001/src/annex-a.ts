/**
 * ISO/IEC 27001:2022 Annex A: the 93 controls, their identifiers, titles and themes, and the attribute values that
 * ISO/IEC 27002:2022 gives each control (its clause 4.2 and Table A.1). Identifiers, titles and attribute values are
 * facts of the standards; every `purpose` is our own one-line wording and reproduces no text of either standard.
 *
 * Where the attribute table of 27002:2022 and the attribute box printed under a control disagree, the control's own
 * box is followed; the only such case is A.5.22, whose `#Information_security_assurance` is an operational
 * capability (Table A.1 misprints it in the security-domain column).
 */
export type ControlTheme = 'ORGANIZATIONAL' | 'PEOPLE' | 'PHYSICAL' | 'TECHNOLOGICAL';

/** 27002:2022 `#Preventive`, `#Detective`, `#Corrective`. */
export type AnnexAControlType = 'PREVENTIVE' | 'DETECTIVE' | 'CORRECTIVE';
/** 27002:2022 information security properties. */
export type SecurityProperty = 'CONFIDENTIALITY' | 'INTEGRITY' | 'AVAILABILITY';
/** 27002:2022 cybersecurity concepts (those of ISO/IEC TS 27110). */
export type CybersecurityConcept = 'IDENTIFY' | 'PROTECT' | 'DETECT' | 'RESPOND' | 'RECOVER';
/** The 15 operational capabilities of 27002:2022. */
export type OperationalCapability =
  | 'GOVERNANCE'
  | 'ASSET_MANAGEMENT'
  | 'INFORMATION_PROTECTION'
  | 'HUMAN_RESOURCE_SECURITY'
  | 'PHYSICAL_SECURITY'
  | 'SYSTEM_AND_NETWORK_SECURITY'
  | 'APPLICATION_SECURITY'
  | 'SECURE_CONFIGURATION'
  | 'IDENTITY_AND_ACCESS_MANAGEMENT'
  | 'THREAT_AND_VULNERABILITY_MANAGEMENT'
  | 'CONTINUITY'
  | 'SUPPLIER_RELATIONSHIPS_SECURITY'
  | 'LEGAL_AND_COMPLIANCE'
  | 'INFORMATION_SECURITY_EVENT_MANAGEMENT'
  | 'INFORMATION_SECURITY_ASSURANCE';
/** 27002:2022 security domains. */
export type SecurityDomain = 'GOVERNANCE_AND_ECOSYSTEM' | 'PROTECTION' | 'DEFENCE' | 'RESILIENCE';

export const CONTROL_TYPES: readonly AnnexAControlType[] = Object.freeze(['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE']);
export const SECURITY_PROPERTIES: readonly SecurityProperty[] = Object.freeze(['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY']);
export const CYBERSECURITY_CONCEPTS: readonly CybersecurityConcept[] = Object.freeze(['IDENTIFY', 'PROTECT', 'DETECT', 'RESPOND', 'RECOVER']);
export const OPERATIONAL_CAPABILITIES: readonly OperationalCapability[] = Object.freeze([
  'GOVERNANCE',
  'ASSET_MANAGEMENT',
  'INFORMATION_PROTECTION',
  'HUMAN_RESOURCE_SECURITY',
  'PHYSICAL_SECURITY',
  'SYSTEM_AND_NETWORK_SECURITY',
  'APPLICATION_SECURITY',
  'SECURE_CONFIGURATION',
  'IDENTITY_AND_ACCESS_MANAGEMENT',
  'THREAT_AND_VULNERABILITY_MANAGEMENT',
  'CONTINUITY',
  'SUPPLIER_RELATIONSHIPS_SECURITY',
  'LEGAL_AND_COMPLIANCE',
  'INFORMATION_SECURITY_EVENT_MANAGEMENT',
  'INFORMATION_SECURITY_ASSURANCE',
]);
export const SECURITY_DOMAINS: readonly SecurityDomain[] = Object.freeze(['GOVERNANCE_AND_ECOSYSTEM', 'PROTECTION', 'DEFENCE', 'RESILIENCE']);

export interface AnnexAControlAttributes {
  readonly controlTypes: readonly AnnexAControlType[];
  readonly securityProperties: readonly SecurityProperty[];
  readonly cybersecurityConcepts: readonly CybersecurityConcept[];
  readonly operationalCapabilities: readonly OperationalCapability[];
  readonly securityDomains: readonly SecurityDomain[];
}

export interface AnnexAControl {
  /** `A.5.1` … `A.8.34` */
  readonly id: string;
  readonly title: string;
  readonly theme: ControlTheme;
  /** The ISO/IEC 27002:2022 attribute values of the control. */
  readonly attributes: AnnexAControlAttributes;
  /** What the control is for, in one line of our own words. */
  readonly purpose: string;
}

// Short names keep the table below readable; each row is: title, types, properties, concepts, capabilities, domains, purpose.
const P: AnnexAControlType = 'PREVENTIVE';
const D: AnnexAControlType = 'DETECTIVE';
const C: AnnexAControlType = 'CORRECTIVE';
const CIA: SecurityProperty[] = ['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY'];
const CONF: SecurityProperty = 'CONFIDENTIALITY';
const INT: SecurityProperty = 'INTEGRITY';
const AVAIL: SecurityProperty = 'AVAILABILITY';
const IDENTIFY: CybersecurityConcept = 'IDENTIFY';
const PROTECT: CybersecurityConcept = 'PROTECT';
const DETECT: CybersecurityConcept = 'DETECT';
const RESPOND: CybersecurityConcept = 'RESPOND';
const RECOVER: CybersecurityConcept = 'RECOVER';
const GOVERNANCE: OperationalCapability = 'GOVERNANCE';
const ASSETS: OperationalCapability = 'ASSET_MANAGEMENT';
const INFO_PROTECTION: OperationalCapability = 'INFORMATION_PROTECTION';
const HR: OperationalCapability = 'HUMAN_RESOURCE_SECURITY';
const PHYSICAL: OperationalCapability = 'PHYSICAL_SECURITY';
const SYS_NET: OperationalCapability = 'SYSTEM_AND_NETWORK_SECURITY';
const APP: OperationalCapability = 'APPLICATION_SECURITY';
const SECURE_CONFIG: OperationalCapability = 'SECURE_CONFIGURATION';
const IAM: OperationalCapability = 'IDENTITY_AND_ACCESS_MANAGEMENT';
const THREAT_VULN: OperationalCapability = 'THREAT_AND_VULNERABILITY_MANAGEMENT';
const CONTINUITY: OperationalCapability = 'CONTINUITY';
const SUPPLIERS: OperationalCapability = 'SUPPLIER_RELATIONSHIPS_SECURITY';
const LEGAL: OperationalCapability = 'LEGAL_AND_COMPLIANCE';
const EVENTS: OperationalCapability = 'INFORMATION_SECURITY_EVENT_MANAGEMENT';
const ASSURANCE: OperationalCapability = 'INFORMATION_SECURITY_ASSURANCE';
const GOV_ECO: SecurityDomain = 'GOVERNANCE_AND_ECOSYSTEM';
const PROTECTION: SecurityDomain = 'PROTECTION';
const DEFENCE: SecurityDomain = 'DEFENCE';
const RESILIENCE: SecurityDomain = 'RESILIENCE';

type Row = [
  title: string,
  controlTypes: AnnexAControlType[],
  securityProperties: SecurityProperty[],
  cybersecurityConcepts: CybersecurityConcept[],
  operationalCapabilities: OperationalCapability[],
  securityDomains: SecurityDomain[],
  purpose: string,
];

const organizational: Row[] = [
  ['Policies for information security', [P], CIA, [IDENTIFY], [GOVERNANCE], [GOV_ECO, RESILIENCE],
    'Give the organisation management-approved direction on information security through policies that are communicated to those affected and kept fit for purpose as the business changes.'],
  ['Information security roles and responsibilities', [P], CIA, [IDENTIFY], [GOVERNANCE], [GOV_ECO, PROTECTION, RESILIENCE],
    'Make clear who is accountable for each part of information security so that nothing falls between people or teams.'],
  ['Segregation of duties', [P], CIA, [PROTECT], [GOVERNANCE, IAM], [GOV_ECO],
    'Split tasks that conflict between different people so that no single person can misuse or make an undetected error in a sensitive process.'],
  ['Management responsibilities', [P], CIA, [IDENTIFY], [GOVERNANCE], [GOV_ECO],
    'Have managers actively require their staff and contractors to work according to the security policies and procedures.'],
  ['Contact with authorities', [P, C], CIA, [IDENTIFY, PROTECT, RESPOND, RECOVER], [GOVERNANCE], [DEFENCE, RESILIENCE],
    'Keep working lines of contact with regulators, law enforcement and other authorities so security information reaches the right place when needed.'],
  ['Contact with special interest groups', [P, C], CIA, [PROTECT, RESPOND, RECOVER], [GOVERNANCE], [DEFENCE],
    'Take part in professional forums and security communities to stay current on threats and good practice.'],
  ['Threat intelligence', [P, D, C], CIA, [IDENTIFY, DETECT, RESPOND], [THREAT_VULN], [DEFENCE, RESILIENCE],
    'Collect and analyse information about threats so the organisation understands what it faces and can take mitigating action in time.'],
  ['Information security in project management', [P], CIA, [IDENTIFY, PROTECT], [GOVERNANCE], [GOV_ECO, PROTECTION],
    'Treat security risks and requirements as part of every project, from start to delivery, whatever the kind of project.'],
  ['Inventory of information and other associated assets', [P], CIA, [IDENTIFY], [ASSETS], [GOV_ECO, PROTECTION],
    'Know what information and supporting assets exist, where they are and who owns each, so they can be protected.'],
  ['Acceptable use of information and other associated assets', [P], CIA, [PROTECT], [ASSETS, INFO_PROTECTION], [GOV_ECO, PROTECTION],
    'Tell people plainly how they may and may not use and handle information and assets.'],
  ['Return of assets', [P], CIA, [PROTECT], [ASSETS], [PROTECTION],
    'Get back every organisational asset a person holds when their job, contract or agreement ends or changes.'],
  ['Classification of information', [P], CIA, [IDENTIFY], [INFO_PROTECTION], [PROTECTION, DEFENCE],
    'Rate information by how much protection it needs so that its handling matches its value and sensitivity.'],
  ['Labelling of information', [P], CIA, [PROTECT], [INFO_PROTECTION], [DEFENCE, PROTECTION],
    'Mark information with its classification so that people and systems can see and apply the right handling.'],
  ['Information transfer', [P], CIA, [PROTECT], [ASSETS, INFO_PROTECTION], [PROTECTION],
    'Keep information safe whenever it is moved, internally or to other parties, by any electronic, physical or verbal channel.'],
  ['Access control', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Decide and enforce who may reach which information and assets, based on business and security needs.'],
  ['Identity management', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Run identities through their whole life so that every access can be attributed to one person or system.'],
  ['Authentication information', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Issue and look after passwords, keys and other secrets so that authentication cannot be bypassed or abused.'],
  ['Access rights', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Grant, review, adjust and revoke access in line with the access rules and the person’s current role.'],
  ['Information security in supplier relationships', [P], CIA, [IDENTIFY], [SUPPLIERS], [GOV_ECO, PROTECTION],
    'Keep the risks that come with using suppliers’ products and services at a level the organisation has agreed to.'],
  ['Addressing information security within supplier agreements', [P], CIA, [IDENTIFY], [SUPPLIERS], [GOV_ECO, PROTECTION],
    'Write each supplier’s security obligations into the contract so both sides know what is expected.'],
  ['Managing information security in the ICT supply chain', [P], CIA, [IDENTIFY], [SUPPLIERS], [GOV_ECO, PROTECTION],
    'Control the security risks that travel down the chain of ICT product and service providers.'],
  ['Monitoring, review and change management of supplier services', [P], CIA, [IDENTIFY], [SUPPLIERS, ASSURANCE], [GOV_ECO, PROTECTION, DEFENCE],
    'Check that suppliers keep delivering the agreed security and manage changes in what they provide.'],
  ['Information security for use of cloud services', [P], CIA, [PROTECT], [SUPPLIERS], [GOV_ECO, PROTECTION],
    'Set how cloud services are chosen, used, managed and left so that the organisation’s security needs are met.'],
  ['Information security incident management planning and preparation', [C], CIA, [RESPOND, RECOVER], [GOVERNANCE, EVENTS], [DEFENCE],
    'Prepare roles, processes and communication in advance so incidents are handled quickly, consistently and effectively.'],
  ['Assessment and decision on information security events', [D], CIA, [DETECT, RESPOND], [EVENTS], [DEFENCE],
    'Triage reported security events and decide which of them are incidents that need a response.'],
  ['Response to information security incidents', [C], CIA, [RESPOND, RECOVER], [EVENTS], [DEFENCE],
    'Handle confirmed incidents through the agreed procedures to contain, resolve and recover from them.'],
  ['Learning from information security incidents', [P], CIA, [IDENTIFY, PROTECT], [EVENTS], [DEFENCE],
    'Use what incidents reveal to strengthen controls and make a repeat less likely or less damaging.'],
  ['Collection of evidence', [C], CIA, [DETECT, RESPOND], [EVENTS], [DEFENCE],
    'Gather and preserve evidence about security events in a way that keeps it credible for disciplinary or legal use.'],
  ['Information security during disruption', [P, C], CIA, [PROTECT, RESPOND], [CONTINUITY], [PROTECTION, RESILIENCE],
    'Plan how information stays adequately protected while the organisation operates through a disruption.'],
  ['ICT readiness for business continuity', [C], [AVAIL], [RESPOND], [CONTINUITY], [RESILIENCE],
    'Make sure ICT services can be kept up or restored in time to meet the organisation’s continuity objectives.'],
  ['Legal, statutory, regulatory and contractual requirements', [P], CIA, [IDENTIFY], [LEGAL], [GOV_ECO, PROTECTION],
    'Identify the legal, regulatory and contractual obligations that touch information security, record them and keep them current.'],
  ['Intellectual property rights', [P], CIA, [IDENTIFY], [LEGAL], [GOV_ECO],
    'Respect intellectual property, including licence terms for software and other proprietary material.'],
  ['Protection of records', [P], CIA, [IDENTIFY, PROTECT], [LEGAL, ASSETS, INFO_PROTECTION], [DEFENCE],
    'Keep records safe from loss, destruction, tampering and unauthorised access or release for as long as they must be kept.'],
  ['Privacy and protection of PII', [P], CIA, [IDENTIFY, PROTECT], [INFO_PROTECTION, LEGAL], [PROTECTION],
    'Meet the privacy and personal-data obligations that apply to the organisation.'],
  ['Independent review of information security', [P, C], CIA, [IDENTIFY, PROTECT], [ASSURANCE], [GOV_ECO],
    'Have someone independent assess the way security is managed, at planned intervals and after significant change.'],
  ['Compliance with policies, rules and standards for information security', [P], CIA, [IDENTIFY, PROTECT], [LEGAL, ASSURANCE], [GOV_ECO],
    'Check regularly that the organisation actually follows its own security policies, rules and standards.'],
  ['Documented operating procedures', [P, C], CIA, [PROTECT, RECOVER],
    [ASSETS, PHYSICAL, SYS_NET, APP, SECURE_CONFIG, IAM, THREAT_VULN, CONTINUITY, EVENTS], [GOV_ECO, PROTECTION, DEFENCE],
    'Write down how information processing facilities are operated and make those instructions available to the people who run them.'],
];

const people: Row[] = [
  ['Screening', [P], CIA, [PROTECT], [HR], [GOV_ECO],
    'Check candidates’ backgrounds before they join, and later where warranted, in proportion to the role, the risk and the law.'],
  ['Terms and conditions of employment', [P], CIA, [PROTECT], [HR], [GOV_ECO],
    'Make each person’s and the organisation’s security responsibilities part of the employment contract.'],
  ['Information security awareness, education and training', [P], CIA, [PROTECT], [HR], [GOV_ECO],
    'Make sure people know their security responsibilities and receive awareness and training suited to their role, refreshed over time.'],
  ['Disciplinary process', [P, C], CIA, [PROTECT, RESPOND], [HR], [GOV_ECO],
    'Have a known, formal consequence for breaching the security policy, which deters and allows a fair response.'],
  ['Responsibilities after termination or change of employment', [P], CIA, [PROTECT], [HR, ASSETS], [GOV_ECO],
    'Define which security duties continue after someone leaves or changes role, tell them, and enforce it.'],
  ['Confidentiality or non-disclosure agreements', [P], [CONF], [PROTECT], [HR, INFO_PROTECTION, SUPPLIERS], [GOV_ECO],
    'Bind staff and other parties to keep information confidential through agreements that reflect what needs protecting.'],
  ['Remote working', [P], CIA, [PROTECT], [ASSETS, INFO_PROTECTION, PHYSICAL, SYS_NET], [PROTECTION],
    'Keep information safe when people access or handle it away from the organisation’s premises.'],
  ['Information security event reporting', [D], CIA, [DETECT], [EVENTS], [DEFENCE],
    'Give people an easy, timely way to report security events they notice or suspect.'],
];

const physical: Row[] = [
  ['Physical security perimeters', [P], CIA, [PROTECT], [PHYSICAL], [PROTECTION],
    'Draw and build physical boundaries around the areas that house information and related assets.'],
  ['Physical entry', [P], CIA, [PROTECT], [PHYSICAL, IAM], [PROTECTION],
    'Let only authorised people into secure areas, through controlled entry and access points.'],
  ['Securing offices, rooms and facilities', [P], CIA, [PROTECT], [PHYSICAL, ASSETS], [PROTECTION],
    'Design and apply physical protection for offices, rooms and other facilities.'],
  ['Physical security monitoring', [P, D], CIA, [PROTECT, DETECT], [PHYSICAL], [PROTECTION, DEFENCE],
    'Watch premises continuously so that unauthorised physical access is noticed.'],
  ['Protecting against physical and environmental threats', [P], CIA, [PROTECT], [PHYSICAL], [PROTECTION],
    'Shield infrastructure from natural disasters and other deliberate or accidental physical hazards.'],
  ['Working in secure areas', [P], CIA, [PROTECT], [PHYSICAL], [PROTECTION],
    'Set rules for how work is done inside secure areas so their contents stay protected.'],
  ['Clear desk and clear screen', [P], [CONF], [PROTECT], [PHYSICAL], [PROTECTION],
    'Stop information left on desks, media or screens from being seen, copied or taken.'],
  ['Equipment siting and protection', [P], CIA, [PROTECT], [PHYSICAL, ASSETS], [PROTECTION],
    'Place and shield equipment so that environmental hazards and unauthorised access pose less risk.'],
  ['Security of assets off-premises', [P], CIA, [PROTECT], [PHYSICAL, ASSETS], [PROTECTION],
    'Protect the organisation’s equipment and information while it is used or kept outside its sites.'],
  ['Storage media', [P], CIA, [PROTECT], [PHYSICAL, ASSETS], [PROTECTION],
    'Control storage media over their whole life: acquisition, use, transport and disposal, according to classification.'],
  ['Supporting utilities', [P, D], [INT, AVAIL], [PROTECT, DETECT], [PHYSICAL], [PROTECTION],
    'Protect processing facilities from failures and disturbances of power and other utilities.'],
  ['Cabling security', [P], [CONF, AVAIL], [PROTECT], [PHYSICAL], [PROTECTION],
    'Guard power and data cables against interception, interference and damage.'],
  ['Equipment maintenance', [P], CIA, [PROTECT], [PHYSICAL, ASSETS], [PROTECTION, RESILIENCE],
    'Service equipment properly so it stays available and does not expose or corrupt information.'],
  ['Secure disposal or re-use of equipment', [P], [CONF], [PROTECT], [PHYSICAL, ASSETS], [PROTECTION],
    'Make sure sensitive data and licensed software are removed or overwritten before equipment is discarded or reused.'],
];

const technological: Row[] = [
  ['User endpoint devices', [P], CIA, [PROTECT], [ASSETS, INFO_PROTECTION], [PROTECTION],
    'Protect information held on, processed by or reachable from laptops, phones and other user devices.'],
  ['Privileged access rights', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Limit and closely manage who gets privileged access and how it is used.'],
  ['Information access restriction', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Technically restrict access to information and system functions according to the agreed access rules.'],
  ['Access to source code', [P], CIA, [PROTECT], [IAM, APP, SECURE_CONFIG], [PROTECTION],
    'Control who can read or change source code, development tools and software libraries.'],
  ['Secure authentication', [P], CIA, [PROTECT], [IAM], [PROTECTION],
    'Use log-in technologies and procedures whose strength matches the sensitivity of what they protect.'],
  ['Capacity management', [P, D], [INT, AVAIL], [IDENTIFY, PROTECT, DETECT], [CONTINUITY], [GOV_ECO, PROTECTION],
    'Track and plan the use of resources so that capacity keeps up with current and expected demand.'],
  ['Protection against malware', [P, D, C], CIA, [PROTECT, DETECT], [SYS_NET, INFO_PROTECTION], [PROTECTION, DEFENCE],
    'Defend against malicious software with technical measures supported by user awareness.'],
  ['Management of technical vulnerabilities', [P], CIA, [IDENTIFY, PROTECT], [THREAT_VULN], [GOV_ECO, PROTECTION, DEFENCE],
    'Find out about weaknesses in the technology in use, judge the exposure, and fix or mitigate them promptly.'],
  ['Configuration management', [P], CIA, [PROTECT], [SECURE_CONFIG], [PROTECTION],
    'Define secure configurations for hardware, software, services and networks, apply them, and keep them from drifting.'],
  ['Information deletion', [P], [CONF], [PROTECT], [INFO_PROTECTION, LEGAL], [PROTECTION],
    'Erase information from systems, devices and storage once it is no longer needed, to avoid needless exposure.'],
  ['Data masking', [P], [CONF], [PROTECT], [INFO_PROTECTION], [PROTECTION],
    'Obscure sensitive data, personal data in particular, so people see only what their access and the law allow.'],
  ['Data leakage prevention', [P, D], [CONF], [PROTECT, DETECT], [INFO_PROTECTION], [PROTECTION, DEFENCE],
    'Detect and stop sensitive information leaving systems, networks and devices without authorisation.'],
  ['Information backup', [C], [INT, AVAIL], [RECOVER], [CONTINUITY], [PROTECTION],
    'Keep backup copies of information, software and systems under an agreed policy and test that they restore.'],
  ['Redundancy of information processing facilities', [P], [AVAIL], [PROTECT], [CONTINUITY, ASSETS], [PROTECTION, RESILIENCE],
    'Duplicate processing facilities enough to meet the availability the business needs.'],
  ['Logging', [D], CIA, [DETECT], [EVENTS], [PROTECTION, DEFENCE],
    'Record activities, exceptions, faults and other relevant events, protect those records and analyse them.'],
  ['Monitoring activities', [D, C], CIA, [DETECT, RESPOND], [EVENTS], [DEFENCE],
    'Watch networks, systems and applications for abnormal behaviour and act on what might be an incident.'],
  ['Clock synchronization', [D], [INT], [PROTECT, DETECT], [EVENTS], [PROTECTION, DEFENCE],
    'Keep system clocks aligned to approved time sources so events can be correlated and trusted.'],
  ['Use of privileged utility programs', [P], CIA, [PROTECT], [SYS_NET, SECURE_CONFIG, APP], [PROTECTION],
    'Restrict and control tools that can bypass the controls of systems and applications.'],
  ['Installation of software on operational systems', [P], CIA, [PROTECT], [SECURE_CONFIG, APP], [PROTECTION],
    'Control what software gets installed on live systems and how, so their integrity is not put at risk.'],
  ['Networks security', [P, D], CIA, [PROTECT, DETECT], [SYS_NET], [PROTECTION],
    'Harden, manage and control networks and network devices to protect the information passing through them.'],
  ['Security of network services', [P], CIA, [PROTECT], [SYS_NET], [PROTECTION],
    'Specify and monitor the security features, service levels and requirements of the network services used.'],
  ['Segregation of networks', [P], CIA, [PROTECT], [SYS_NET], [PROTECTION],
    'Split networks so that groups of services, users and systems are kept apart.'],
  ['Web filtering', [P], CIA, [PROTECT], [SYS_NET], [PROTECTION],
    'Limit which external websites can be reached, to reduce exposure to malicious or unwanted content.'],
  ['Use of cryptography', [P], CIA, [PROTECT], [SECURE_CONFIG], [PROTECTION],
    'Set and follow rules for using encryption and other cryptography effectively, including how keys are managed.'],
  ['Secure development life cycle', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION],
    'Lay down and apply rules so that software and systems are developed securely.'],
  ['Application security requirements', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION, DEFENCE],
    'Work out, write down and approve security requirements whenever applications are built or bought.'],
  ['Secure system architecture and engineering principles', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION],
    'Define secure engineering principles, keep them documented, and use them in every system development activity.'],
  ['Secure coding', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION],
    'Write software following secure-coding principles so fewer vulnerabilities reach production.'],
  ['Security testing in development and acceptance', [P], CIA, [IDENTIFY], [APP, ASSURANCE, SYS_NET], [PROTECTION],
    'Plan and run security tests during development and before acceptance to confirm requirements are met.'],
  ['Outsourced development', [P, D], CIA, [IDENTIFY, PROTECT, DETECT], [SYS_NET, APP, SUPPLIERS], [GOV_ECO, PROTECTION],
    'Steer, monitor and review development work done by outside parties so it meets the organisation’s security needs.'],
  ['Separation of development, test and production environments', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION],
    'Keep development, test and production environments apart and secure each of them.'],
  ['Change management', [P], CIA, [PROTECT], [APP, SYS_NET], [PROTECTION],
    'Put changes to systems and processing facilities through a controlled change process.'],
  ['Test information', [P], [CONF, INT], [PROTECT], [INFO_PROTECTION], [PROTECTION],
    'Choose, protect and manage the data used for testing so that testing does not expose operational information.'],
  ['Protection of information systems during audit testing', [P], CIA, [PROTECT], [SYS_NET, INFO_PROTECTION], [GOV_ECO, PROTECTION],
    'Agree and schedule audits and tests of live systems so that they disturb business operations as little as possible.'],
];

function chapter(number: number, theme: ControlTheme, rows: Row[]): AnnexAControl[] {
  return rows.map(([title, controlTypes, securityProperties, cybersecurityConcepts, operationalCapabilities, securityDomains, purpose], index) =>
    Object.freeze({
      id: `A.${number}.${index + 1}`,
      title,
      theme,
      attributes: Object.freeze({
        controlTypes: Object.freeze([...controlTypes]),
        securityProperties: Object.freeze([...securityProperties]),
        cybersecurityConcepts: Object.freeze([...cybersecurityConcepts]),
        operationalCapabilities: Object.freeze([...operationalCapabilities]),
        securityDomains: Object.freeze([...securityDomains]),
      }),
      purpose,
    }),
  );
}

export const ANNEX_A: readonly AnnexAControl[] = Object.freeze([
  ...chapter(5, 'ORGANIZATIONAL', organizational),
  ...chapter(6, 'PEOPLE', people),
  ...chapter(7, 'PHYSICAL', physical),
  ...chapter(8, 'TECHNOLOGICAL', technological),
]);

const byId = new Map(ANNEX_A.map((control) => [control.id, control]));

export function annexAControl(id: string): AnnexAControl | undefined {
  return byId.get(id);
}

export function isAnnexAControlId(id: string): boolean {
  return byId.has(id);
}

/** The 11 controls that ISO/IEC 27001:2022 added and that have no source in the 2013 edition. */
export const NEW_IN_2022: readonly string[] = Object.freeze(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']);
