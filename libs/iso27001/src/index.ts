export * from './annex-a';
export * from './annex-a-2013';
export * from './clauses';
export * from './required-documents';
export * from './evidence-artefacts';
export * from './evidence-requirements';
