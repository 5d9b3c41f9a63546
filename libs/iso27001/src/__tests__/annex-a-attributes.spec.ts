import {
  ANNEX_A,
  annexAControl,
  CONTROL_TYPES,
  CYBERSECURITY_CONCEPTS,
  OPERATIONAL_CAPABILITIES,
  SECURITY_DOMAINS,
  SECURITY_PROPERTIES,
} from '../annex-a';

describe('Annex A attributes (ISO/IEC 27002:2022)', () => {
  const allowed = {
    controlTypes: CONTROL_TYPES,
    securityProperties: SECURITY_PROPERTIES,
    cybersecurityConcepts: CYBERSECURITY_CONCEPTS,
    operationalCapabilities: OPERATIONAL_CAPABILITIES,
    securityDomains: SECURITY_DOMAINS,
  } as const;

  it('offers the 15 operational capabilities and the values of the other four attributes', () => {
    expect(OPERATIONAL_CAPABILITIES).toHaveLength(15);
    expect(new Set(OPERATIONAL_CAPABILITIES).size).toBe(15);
    expect([CONTROL_TYPES.length, SECURITY_PROPERTIES.length, CYBERSECURITY_CONCEPTS.length, SECURITY_DOMAINS.length]).toEqual([3, 3, 5, 4]);
  });

  it.each(ANNEX_A.map((control) => [control.id, control] as const))('%s has non-empty attributes from the allowed values, without repeats', (_id, control) => {
    for (const key of Object.keys(allowed) as (keyof typeof allowed)[]) {
      const values = control.attributes[key] as readonly string[];
      expect(values.length).toBeGreaterThan(0);
      expect(new Set(values).size).toBe(values.length);
      for (const value of values) expect(allowed[key] as readonly string[]).toContain(value);
    }
  });

  it('gives every control a purpose of its own, one line', () => {
    const purposes = ANNEX_A.map((control) => control.purpose);
    for (const purpose of purposes) {
      expect(purpose.length).toBeGreaterThan(30);
      expect(purpose.length).toBeLessThan(250);
      expect(purpose).not.toContain('\n');
    }
    expect(new Set(purposes).size).toBe(93);
  });

  it('uses every operational capability and security domain somewhere', () => {
    const capabilities = new Set(ANNEX_A.flatMap((control) => control.attributes.operationalCapabilities));
    const domains = new Set(ANNEX_A.flatMap((control) => control.attributes.securityDomains));
    expect([...capabilities].sort()).toEqual([...OPERATIONAL_CAPABILITIES].sort());
    expect([...domains].sort()).toEqual([...SECURITY_DOMAINS].sort());
  });

  it('records threat intelligence (5.7) as preventive, detective and corrective; identify, detect and respond', () => {
    const attributes = annexAControl('A.5.7')?.attributes;
    expect(attributes?.controlTypes).toEqual(['PREVENTIVE', 'DETECTIVE', 'CORRECTIVE']);
    expect(attributes?.securityProperties).toEqual(['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY']);
    expect(attributes?.cybersecurityConcepts).toEqual(['IDENTIFY', 'DETECT', 'RESPOND']);
    expect(attributes?.operationalCapabilities).toEqual(['THREAT_AND_VULNERABILITY_MANAGEMENT']);
    expect(attributes?.securityDomains).toEqual(['DEFENCE', 'RESILIENCE']);
  });

  it('records use of cryptography (8.24) as a preventive, protect, secure-configuration control', () => {
    expect(annexAControl('A.8.24')).toMatchObject({
      title: 'Use of cryptography',
      attributes: {
        controlTypes: ['PREVENTIVE'],
        securityProperties: ['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY'],
        cybersecurityConcepts: ['PROTECT'],
        operationalCapabilities: ['SECURE_CONFIGURATION'],
        securityDomains: ['PROTECTION'],
      },
    });
  });

  it('spot-checks other values auditors look at', () => {
    expect(annexAControl('A.5.30')?.attributes).toEqual({
      controlTypes: ['CORRECTIVE'],
      securityProperties: ['AVAILABILITY'],
      cybersecurityConcepts: ['RESPOND'],
      operationalCapabilities: ['CONTINUITY'],
      securityDomains: ['RESILIENCE'],
    });
    expect(annexAControl('A.8.13')?.attributes.cybersecurityConcepts).toEqual(['RECOVER']);
    expect(annexAControl('A.8.13')?.attributes.securityProperties).toEqual(['INTEGRITY', 'AVAILABILITY']);
    expect(annexAControl('A.6.8')?.attributes.controlTypes).toEqual(['DETECTIVE']);
    expect(annexAControl('A.8.15')?.attributes.operationalCapabilities).toEqual(['INFORMATION_SECURITY_EVENT_MANAGEMENT']);
    expect(annexAControl('A.7.7')?.attributes.securityProperties).toEqual(['CONFIDENTIALITY']);
    expect(annexAControl('A.8.17')?.attributes.securityProperties).toEqual(['INTEGRITY']);
    expect(annexAControl('A.5.22')?.attributes.operationalCapabilities).toContain('INFORMATION_SECURITY_ASSURANCE');
    expect(annexAControl('A.5.37')?.attributes.operationalCapabilities).toHaveLength(9);
  });

  it('marks exactly the controls 27002:2022 lists as corrective (its Table A.2 view)', () => {
    const corrective = ANNEX_A.filter((control) => control.attributes.controlTypes.includes('CORRECTIVE')).map((control) => control.id);
    expect(corrective).toEqual(['A.5.5', 'A.5.6', 'A.5.7', 'A.5.24', 'A.5.26', 'A.5.28', 'A.5.29', 'A.5.30', 'A.5.35', 'A.5.37', 'A.6.4', 'A.8.7', 'A.8.13', 'A.8.16']);
  });

  it('keeps the catalogue read-only', () => {
    const control = annexAControl('A.5.1');
    expect(Object.isFrozen(control)).toBe(true);
    expect(Object.isFrozen(control?.attributes)).toBe(true);
    expect(Object.isFrozen(control?.attributes.controlTypes)).toBe(true);
  });
});
