export * from './annex-a';
