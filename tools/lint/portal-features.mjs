import path from 'node:path';

/**
 * The portal's feature folders (apps/portal/src/features/<area>) are independent: code flows shared -> features -> app,
 * so a feature never imports another feature. Relative imports are resolved against the importing file, whatever
 * their depth; the app layer (apps/portal/src/app) may import every feature.
 */
const FEATURES = `${path.sep}apps${path.sep}portal${path.sep}src${path.sep}features${path.sep}`;

function featureOf(file) {
  const at = file.indexOf(FEATURES);
  if (at < 0) return null;
  return file.slice(at + FEATURES.length).split(path.sep)[0] ?? null;
}

const noCrossFeatureImports = {
  meta: {
    type: 'problem',
    docs: { description: 'a portal feature never imports another feature' },
    schema: [],
    messages: { crossFeature: 'The portal feature "{{from}}" may not import the feature "{{to}}": move what both need to components/ or lib/.' },
  },
  create(context) {
    const filename = context.filename;
    const from = featureOf(filename);
    if (!from) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = featureOf(path.resolve(path.dirname(filename), source) + path.sep);
      if (to && to !== from) context.report({ node: node.source, messageId: 'crossFeature', data: { from, to } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default { rules: { 'no-cross-feature-imports': noCrossFeatureImports } };
