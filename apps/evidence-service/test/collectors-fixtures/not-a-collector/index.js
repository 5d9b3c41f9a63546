// Looks like a collector but misses the interface: no schedule, no schema, an unknown control, collect not a function.
exports.collector = { id: 'Broken Collector', title: 'Broken', version: '1', controls: ['A.99.1'], clauses: [], collect: 'soon' };
