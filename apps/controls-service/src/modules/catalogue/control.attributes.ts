import { annexAControl, map2013To2022 } from '@iso27001/iso27001';

/**
 * Annex A attributes (ISO/IEC 27002:2022 §4.2) and purpose from libs/iso27001, in the shapes this service shows
 * and exports.
 */
export interface ControlAttributes {
  controlTypes: string[];
  securityProperties: string[];
  cybersecurityConcepts: string[];
  operationalCapabilities: string[];
  securityDomains: string[];
}

export const ATTRIBUTE_KEYS: readonly (keyof ControlAttributes)[] = [
  'controlTypes',
  'securityProperties',
  'cybersecurityConcepts',
  'operationalCapabilities',
  'securityDomains',
];

export function controlAttributes(controlId: string): ControlAttributes | null {
  const attributes = annexAControl(controlId)?.attributes;
  if (!attributes) return null;
  return Object.fromEntries(ATTRIBUTE_KEYS.map((key) => [key, [...(attributes[key] ?? [])]])) as unknown as ControlAttributes;
}

export function controlPurpose(controlId: string): string | null {
  return annexAControl(controlId)?.purpose ?? null;
}

/** `PREVENTIVE` -> `#Preventive`, `ASSET_MANAGEMENT` -> `#Asset_management` (the hashtag style of ISO/IEC 27002). */
export function hashtag(value: string): string {
  const lower = value.toLowerCase();
  return `#${lower.charAt(0).toUpperCase()}${lower.slice(1)}`;
}

/** `#Preventive | #Confidentiality #Integrity | …` for exports; empty when the control has no attributes. */
export function attributesText(controlId: string): string {
  const attributes = controlAttributes(controlId);
  if (!attributes) return '';
  return ATTRIBUTE_KEYS.map((key) => attributes[key].map(hashtag).join(' '))
    .filter(Boolean)
    .join(' | ');
}

/** Maps a 2013 Annex A id to its 2022 ids, or null when the id is not a 2013 control. */
export type Mapping2013 = (control2013Id: string) => readonly string[] | null;

/** The catalogue's 2013 -> 2022 mapping (ISO/IEC 27002:2022 Annex B). */
export const libraryMapping2013: Mapping2013 = (control2013Id) => map2013To2022(control2013Id) ?? null;
