/**
 * ISO/IEC 27001:2013 Annex A (114 controls in 14 domains, A.5 to A.18) and how each maps to the 2022 controls, as
 * given by the correspondence tables of ISO/IEC 27002:2022 Annex B. Identifiers and titles are facts of the
 * standards. 2022 identifiers use this library's `A.<theme>.<n>` form (see `ANNEX_A`).
 */
import { isAnnexAControlId, NEW_IN_2022 } from './annex-a';

export interface AnnexA2013Control {
  /** `A.5.1.1` … `A.18.2.3` */
  readonly id: string;
  readonly title: string;
}

export interface Mapping2013To2022 {
  /** A 2013 control id, `A.12.6.1`. */
  readonly from: string;
  /** The 2022 control ids it now lives in, `['A.8.8']`. */
  readonly to: readonly string[];
}

/** Each 2013 control: id (without `A.`), title, and the 2022 controls (without `A.`) that took it over. */
const rows: [id: string, title: string, to: string[]][] = [
  ['5.1.1', 'Policies for information security', ['5.1']],
  ['5.1.2', 'Review of the policies for information security', ['5.1']],
  ['6.1.1', 'Information security roles and responsibilities', ['5.2']],
  ['6.1.2', 'Segregation of duties', ['5.3']],
  ['6.1.3', 'Contact with authorities', ['5.5']],
  ['6.1.4', 'Contact with special interest groups', ['5.6']],
  ['6.1.5', 'Information security in project management', ['5.8']],
  ['6.2.1', 'Mobile device policy', ['8.1']],
  ['6.2.2', 'Teleworking', ['6.7']],
  ['7.1.1', 'Screening', ['6.1']],
  ['7.1.2', 'Terms and conditions of employment', ['6.2']],
  ['7.2.1', 'Management responsibilities', ['5.4']],
  ['7.2.2', 'Information security awareness, education and training', ['6.3']],
  ['7.2.3', 'Disciplinary process', ['6.4']],
  ['7.3.1', 'Termination or change of employment responsibilities', ['6.5']],
  ['8.1.1', 'Inventory of assets', ['5.9']],
  ['8.1.2', 'Ownership of assets', ['5.9']],
  ['8.1.3', 'Acceptable use of assets', ['5.10']],
  ['8.1.4', 'Return of assets', ['5.11']],
  ['8.2.1', 'Classification of information', ['5.12']],
  ['8.2.2', 'Labelling of information', ['5.13']],
  ['8.2.3', 'Handling of assets', ['5.10']],
  ['8.3.1', 'Management of removable media', ['7.10']],
  ['8.3.2', 'Disposal of media', ['7.10']],
  ['8.3.3', 'Physical media transfer', ['7.10']],
  ['9.1.1', 'Access control policy', ['5.15']],
  ['9.1.2', 'Access to networks and network services', ['5.15']],
  ['9.2.1', 'User registration and de-registration', ['5.16']],
  ['9.2.2', 'User access provisioning', ['5.18']],
  ['9.2.3', 'Management of privileged access rights', ['8.2']],
  ['9.2.4', 'Management of secret authentication information of users', ['5.17']],
  ['9.2.5', 'Review of user access rights', ['5.18']],
  ['9.2.6', 'Removal or adjustment of access rights', ['5.18']],
  ['9.3.1', 'Use of secret authentication information', ['5.17']],
  ['9.4.1', 'Information access restriction', ['8.3']],
  ['9.4.2', 'Secure log-on procedures', ['8.5']],
  ['9.4.3', 'Password management system', ['5.17']],
  ['9.4.4', 'Use of privileged utility programs', ['8.18']],
  ['9.4.5', 'Access control to program source code', ['8.4']],
  ['10.1.1', 'Policy on the use of cryptographic controls', ['8.24']],
  ['10.1.2', 'Key management', ['8.24']],
  ['11.1.1', 'Physical security perimeter', ['7.1']],
  ['11.1.2', 'Physical entry controls', ['7.2']],
  ['11.1.3', 'Securing offices, rooms and facilities', ['7.3']],
  ['11.1.4', 'Protecting against external and environmental threats', ['7.5']],
  ['11.1.5', 'Working in secure areas', ['7.6']],
  ['11.1.6', 'Delivery and loading areas', ['7.2']],
  ['11.2.1', 'Equipment siting and protection', ['7.8']],
  ['11.2.2', 'Supporting utilities', ['7.11']],
  ['11.2.3', 'Cabling security', ['7.12']],
  ['11.2.4', 'Equipment maintenance', ['7.13']],
  ['11.2.5', 'Removal of assets', ['7.10']],
  ['11.2.6', 'Security of equipment and assets off-premises', ['7.9']],
  ['11.2.7', 'Secure disposal or re-use of equipment', ['7.14']],
  ['11.2.8', 'Unattended user equipment', ['8.1']],
  ['11.2.9', 'Clear desk and clear screen policy', ['7.7']],
  ['12.1.1', 'Documented operating procedures', ['5.37']],
  ['12.1.2', 'Change management', ['8.32']],
  ['12.1.3', 'Capacity management', ['8.6']],
  ['12.1.4', 'Separation of development, testing and operational environments', ['8.31']],
  ['12.2.1', 'Controls against malware', ['8.7']],
  ['12.3.1', 'Information backup', ['8.13']],
  ['12.4.1', 'Event logging', ['8.15']],
  ['12.4.2', 'Protection of log information', ['8.15']],
  ['12.4.3', 'Administrator and operator logs', ['8.15']],
  ['12.4.4', 'Clock synchronisation', ['8.17']],
  ['12.5.1', 'Installation of software on operational systems', ['8.19']],
  ['12.6.1', 'Management of technical vulnerabilities', ['8.8']],
  ['12.6.2', 'Restrictions on software installation', ['8.19']],
  ['12.7.1', 'Information systems audit controls', ['8.34']],
  ['13.1.1', 'Network controls', ['8.20']],
  ['13.1.2', 'Security of network services', ['8.21']],
  ['13.1.3', 'Segregation in networks', ['8.22']],
  ['13.2.1', 'Information transfer policies and procedures', ['5.14']],
  ['13.2.2', 'Agreements on information transfer', ['5.14']],
  ['13.2.3', 'Electronic messaging', ['5.14']],
  ['13.2.4', 'Confidentiality or non-disclosure agreements', ['6.6']],
  ['14.1.1', 'Information security requirements analysis and specification', ['5.8']],
  ['14.1.2', 'Securing application services on public networks', ['8.26']],
  ['14.1.3', 'Protecting application services transactions', ['8.26']],
  ['14.2.1', 'Secure development policy', ['8.25']],
  ['14.2.2', 'System change control procedures', ['8.32']],
  ['14.2.3', 'Technical review of applications after operating platform changes', ['8.32']],
  ['14.2.4', 'Restrictions on changes to software packages', ['8.32']],
  ['14.2.5', 'Secure system engineering principles', ['8.27']],
  ['14.2.6', 'Secure development environment', ['8.31']],
  ['14.2.7', 'Outsourced development', ['8.30']],
  ['14.2.8', 'System security testing', ['8.29']],
  ['14.2.9', 'System acceptance testing', ['8.29']],
  ['14.3.1', 'Protection of test data', ['8.33']],
  ['15.1.1', 'Information security policy for supplier relationships', ['5.19']],
  ['15.1.2', 'Addressing security within supplier agreements', ['5.20']],
  ['15.1.3', 'Information and communication technology supply chain', ['5.21']],
  ['15.2.1', 'Monitoring and review of supplier services', ['5.22']],
  ['15.2.2', 'Managing changes to supplier services', ['5.22']],
  ['16.1.1', 'Responsibilities and procedures', ['5.24']],
  ['16.1.2', 'Reporting information security events', ['6.8']],
  ['16.1.3', 'Reporting information security weaknesses', ['6.8']],
  ['16.1.4', 'Assessment of and decision on information security events', ['5.25']],
  ['16.1.5', 'Response to information security incidents', ['5.26']],
  ['16.1.6', 'Learning from information security incidents', ['5.27']],
  ['16.1.7', 'Collection of evidence', ['5.28']],
  ['17.1.1', 'Planning information security continuity', ['5.29']],
  ['17.1.2', 'Implementing information security continuity', ['5.29']],
  ['17.1.3', 'Verify, review and evaluate information security continuity', ['5.29']],
  ['17.2.1', 'Availability of information processing facilities', ['8.14']],
  ['18.1.1', 'Identification of applicable legislation and contractual requirements', ['5.31']],
  ['18.1.2', 'Intellectual property rights', ['5.32']],
  ['18.1.3', 'Protection of records', ['5.33']],
  ['18.1.4', 'Privacy and protection of personally identifiable information', ['5.34']],
  ['18.1.5', 'Regulation of cryptographic controls', ['5.31']],
  ['18.2.1', 'Independent review of information security', ['5.35']],
  ['18.2.2', 'Compliance with security policies and standards', ['5.36']],
  ['18.2.3', 'Technical compliance review', ['5.36', '8.8']],
];

export const ANNEX_A_2013: readonly AnnexA2013Control[] = Object.freeze(rows.map(([id, title]) => Object.freeze({ id: `A.${id}`, title })));

export const MAPPING_2013_TO_2022: readonly Mapping2013To2022[] = Object.freeze(
  rows.map(([id, , to]) => Object.freeze({ from: `A.${id}`, to: Object.freeze(to.map((target) => `A.${target}`)) })),
);

/** Accepts `A.12.6.1` or `12.6.1` (and `A.8.8` or `8.8`), returns the `A.`-prefixed form. */
function normalise(id: string): string {
  const trimmed = id.trim();
  return /^A\./i.test(trimmed) ? `A.${trimmed.slice(2)}` : `A.${trimmed}`;
}

const targetsOf = new Map(MAPPING_2013_TO_2022.map((row) => [row.from, row.to]));
const sourcesOf = new Map<string, string[]>();
for (const row of MAPPING_2013_TO_2022) {
  for (const target of row.to) sourcesOf.set(target, [...(sourcesOf.get(target) ?? []), row.from]);
}

export function isAnnexA2013ControlId(id: string): boolean {
  return targetsOf.has(normalise(id));
}

/** The 2022 controls a 2013 control maps to (`A.12.6.1` -> `['A.8.8']`); undefined when the id is not a 2013 control. */
export function map2013To2022(id2013: string): readonly string[] | undefined {
  return targetsOf.get(normalise(id2013));
}

/**
 * The 2013 controls a 2022 control takes over (`A.8.8` -> `['A.12.6.1', 'A.18.2.3']`); an empty list for the 11
 * controls new in 2022; undefined when the id is not a 2022 control.
 */
export function sources2013Of(id2022: string): readonly string[] | undefined {
  const id = normalise(id2022);
  if (!isAnnexAControlId(id)) return undefined;
  return Object.freeze([...(sourcesOf.get(id) ?? [])]);
}

/** Whether a 2022 control is one of the 11 added in 2022 (no 2013 source). */
export function isNewIn2022(id2022: string): boolean {
  return NEW_IN_2022.includes(normalise(id2022));
}
