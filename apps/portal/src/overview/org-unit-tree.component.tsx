import { useMemo } from 'react';
import { buildOrgUnitTree, type OrgUnitNode } from './org-unit-tree.builder';
import { orgUnitKindLabel } from './overview.labels';
import type { OrgUnit } from './programme-overview.types';

interface OrgUnitTreeProps {
  units: OrgUnit[];
}

export function OrgUnitTree({ units }: OrgUnitTreeProps) {
  const roots = useMemo(() => buildOrgUnitTree(units), [units]);

  return (
    <section className="panel" aria-labelledby="org-units-heading">
      <h2 id="org-units-heading">Organisation</h2>
      {roots.length === 0 ? (
        <p className="muted">No organisational units have been recorded yet.</p>
      ) : (
        <ul className="org-tree" data-testid="org-unit-tree" aria-label="Organisational units">
          {roots.map((node) => (
            <OrgUnitItem key={node.unit.id} node={node} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OrgUnitItem({ node }: { node: OrgUnitNode }) {
  return (
    <li className="org-tree__item" data-testid="org-unit" data-kind={node.unit.kind}>
      <span className="org-tree__label">
        <span className="org-tree__name">{node.unit.name}</span>
        <span className={`kind-badge kind-badge--${node.unit.kind.toLowerCase()}`}>
          {orgUnitKindLabel(node.unit.kind)}
        </span>
      </span>
      {node.children.length > 0 && (
        <ul className="org-tree__children">
          {node.children.map((child) => (
            <OrgUnitItem key={child.unit.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
