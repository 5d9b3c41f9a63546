import { createHash } from 'node:crypto';
import { ANNEX_A } from '@iso27001/iso27001';
import { ATTRIBUTE_KEYS, controlAttributes, controlPurpose } from '../../catalogue/control.attributes';
import { SoaExportDocument } from './soa-export.rows';

export const OSCAL_VERSION = '1.1.3';
/** Namespace of this platform's OSCAL props (names outside NIST's own vocabulary). */
export const OSCAL_NS = 'https://ns.iso27001-platform.example/oscal';
export const CATALOG_HREF = 'iso27001-2022-annex-a.oscal-catalog.json';

const THEME_GROUPS = [
  { theme: 'ORGANIZATIONAL', id: 'organizational', title: 'Organizational controls', clause: '5' },
  { theme: 'PEOPLE', id: 'people', title: 'People controls', clause: '6' },
  { theme: 'PHYSICAL', id: 'physical', title: 'Physical controls', clause: '7' },
  { theme: 'TECHNOLOGICAL', id: 'technological', title: 'Technological controls', clause: '8' },
] as const;

const PROP_NAMES: Record<(typeof ATTRIBUTE_KEYS)[number], string> = {
  controlTypes: 'control-type',
  securityProperties: 'security-property',
  cybersecurityConcepts: 'cybersecurity-concept',
  operationalCapabilities: 'operational-capability',
  securityDomains: 'security-domain',
};

/** A stable RFC 4122 version 5 UUID (SHA-1 of a name), so exporting the same thing twice gives the same ids. */
export function uuidV5(name: string): string {
  const bytes = createHash('sha1').update(`iso27001-platform:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Prop = { name: string; value: string; ns?: string; class?: string };

/** OSCAL strings must not start or end with white space and must not be empty. */
function text(value: string): string {
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed || '-';
}

function metadata(title: string, version: string, lastModified: Date, extra: Record<string, unknown> = {}) {
  return { title, 'last-modified': lastModified.toISOString(), version, 'oscal-version': OSCAL_VERSION, ...extra };
}

/** The Annex A catalogue as an OSCAL catalog: four theme groups, 93 controls, labels, attributes and purpose when known. */
export function buildOscalCatalog(lastModified: Date = new Date('2022-10-25T00:00:00Z')) {
  return {
    catalog: {
      uuid: uuidV5('catalog:iso27001-2022-annex-a'),
      metadata: metadata('ISO/IEC 27001:2022 Annex A information security controls (identifiers and titles)', '2022', lastModified, {
        remarks: 'Identifiers, titles, themes and ISO/IEC 27002:2022 attributes only; the text of the standard is not reproduced.',
      }),
      groups: THEME_GROUPS.map((group) => ({
        id: group.id,
        class: 'theme',
        title: group.title,
        props: [{ name: 'label', value: `A.${group.clause}` }],
        controls: ANNEX_A.filter((control) => control.theme === group.theme).map((control) => {
          const props: Prop[] = [{ name: 'label', value: control.id }];
          const attributes = controlAttributes(control.id);
          if (attributes) {
            for (const key of ATTRIBUTE_KEYS) for (const value of attributes[key]) props.push({ name: PROP_NAMES[key], ns: OSCAL_NS, value: text(value) });
          }
          const purpose = controlPurpose(control.id);
          return {
            id: control.id,
            class: 'annex-a',
            title: control.title,
            props,
            ...(purpose ? { parts: [{ id: `${control.id}_pur`, name: 'purpose', ns: OSCAL_NS, prose: text(purpose) }] } : {}),
          };
        }),
      })),
    },
  };
}

function soaMetadata(document: SoaExportDocument, title: string) {
  const { meta } = document;
  const props: Prop[] = [];
  if (meta.scopeId) props.push({ name: 'isms-scope', ns: OSCAL_NS, value: `${meta.scopeId} v${meta.scopeVersion}` });
  if (meta.approvedBy) props.push({ name: 'approved-by', ns: OSCAL_NS, value: text(meta.approvedBy) });
  return metadata(title, meta.versionNumber !== null ? String(meta.versionNumber) : 'live', meta.approvedAt ?? meta.generatedAt, {
    ...(meta.approvedAt ? { published: meta.approvedAt.toISOString() } : {}),
    ...(props.length > 0 ? { props } : {}),
    ...(meta.note ? { remarks: meta.note } : {}),
  });
}

function documentKey(document: SoaExportDocument): string {
  return `${document.meta.organisationId}:${document.meta.versionNumber ?? `live:${document.meta.generatedAt.toISOString()}`}`;
}

function catalogResource() {
  const uuid = uuidV5('resource:iso27001-2022-annex-a-catalog');
  return { uuid, resource: { uuid, title: 'ISO/IEC 27001:2022 Annex A (OSCAL catalog)', rlinks: [{ href: CATALOG_HREF, 'media-type': 'application/oscal.catalog+json' }] } };
}

/**
 * The SoA as an OSCAL profile: imports the Annex A catalog (a back-matter resource) and includes the applicable
 * controls; `modify.alters` adds each included control's reasons, justification, status and risks as props; the
 * excluded controls and their justifications are a back-matter resource.
 */
export function buildOscalProfile(document: SoaExportDocument) {
  const applicable = document.rows.filter((row) => row.applicable);
  const excluded = document.rows.filter((row) => !row.applicable);
  const catalog = catalogResource();
  const selection =
    applicable.length > 0
      ? { 'include-controls': [{ 'with-ids': applicable.map((row) => row.controlId) }] }
      : { 'include-all': {}, 'exclude-controls': [{ 'with-ids': excluded.map((row) => row.controlId) }] };
  const alters = applicable.map((row) => ({
    'control-id': row.controlId,
    adds: [
      {
        position: 'ending',
        props: [
          { name: 'soa-applicable', ns: OSCAL_NS, value: 'true' },
          ...row.reasons.map((reason) => ({ name: 'soa-reason', ns: OSCAL_NS, value: reason })),
          ...(row.justification ? [{ name: 'soa-justification', ns: OSCAL_NS, value: text(row.justification) }] : []),
          { name: 'implementation-status', ns: OSCAL_NS, value: row.implementationStatus },
          ...row.riskIds.map((riskId) => ({ name: 'risk', ns: OSCAL_NS, value: riskId })),
        ],
      },
    ],
  }));
  return {
    profile: {
      uuid: uuidV5(`profile:${documentKey(document)}`),
      metadata: soaMetadata(document, 'Statement of Applicability (ISO/IEC 27001:2022)'),
      imports: [{ href: `#${catalog.uuid}`, ...selection }],
      merge: { 'as-is': true },
      ...(alters.length > 0 ? { modify: { alters } } : {}),
      'back-matter': {
        resources: [
          catalog.resource,
          ...(excluded.length > 0
            ? [
                {
                  uuid: uuidV5(`exclusions:${documentKey(document)}`),
                  title: 'Controls excluded from the Statement of Applicability, with justifications',
                  description: excluded.map((row) => `${row.controlId}: ${text(row.justification ?? 'no justification recorded')}`).join('\n'),
                },
              ]
            : []),
        ],
      },
    },
  };
}

const OSCAL_STATUS: Record<string, string> = {
  NOT_STARTED: 'planned',
  PLANNED: 'planned',
  PARTIALLY_IMPLEMENTED: 'partial',
  IMPLEMENTED: 'implemented',
};

/** The SoA as an OSCAL component definition: one implemented requirement per control, applicable or not, with the details. */
export function buildOscalComponentDefinition(document: SoaExportDocument) {
  const key = documentKey(document);
  const catalog = catalogResource();
  return {
    'component-definition': {
      uuid: uuidV5(`component-definition:${key}`),
      metadata: soaMetadata(document, 'Statement of Applicability (ISO/IEC 27001:2022) as implemented'),
      components: [
        {
          uuid: uuidV5(`component:${document.meta.organisationId}:isms`),
          type: 'this-system',
          title: 'Information security management system',
          description: 'The organisation\'s ISMS within the approved scope; each requirement is one Annex A control of the SoA.',
          'control-implementations': [
            {
              uuid: uuidV5(`control-implementation:${key}`),
              source: `#${catalog.uuid}`,
              description: 'Annex A controls as decided in the Statement of Applicability and implemented in the units of the scope.',
              'implemented-requirements': document.rows.map((row) => ({
                uuid: uuidV5(`requirement:${key}:${row.controlId}`),
                'control-id': row.controlId,
                description: row.applicable
                  ? text(`${row.title}: applicable (${row.reasons.join(', ')}), ${row.implementationStatus.toLowerCase().replace(/_/g, ' ')}; implemented in ${row.implementations.length} unit(s).`)
                  : text(`${row.title}: not applicable. ${row.justification ?? ''}`),
                props: [
                  { name: 'soa-applicable', ns: OSCAL_NS, value: String(row.applicable) },
                  ...(row.applicable ? [{ name: 'implementation-status', ns: OSCAL_NS, value: OSCAL_STATUS[row.implementationStatus] ?? 'planned', class: row.implementationStatus }] : []),
                  ...row.reasons.map((reason) => ({ name: 'soa-reason', ns: OSCAL_NS, value: reason })),
                  ...(row.operatingStatus ? [{ name: 'operating-status', ns: OSCAL_NS, value: row.operatingStatus }] : []),
                  ...row.riskIds.map((riskId) => ({ name: 'risk', ns: OSCAL_NS, value: riskId })),
                  ...row.policyIds.map((policyId) => ({ name: 'policy', ns: OSCAL_NS, value: policyId })),
                  ...row.evidenceIds.map((evidenceId) => ({ name: 'evidence', ns: OSCAL_NS, value: evidenceId })),
                  ...row.ownerIds.map((ownerId) => ({ name: 'owner', ns: OSCAL_NS, value: ownerId })),
                ],
                ...(row.justification ? { remarks: row.justification } : {}),
              })),
            },
          ],
        },
      ],
      'back-matter': { resources: [catalog.resource] },
    },
  };
}
