import { Anchor, Button, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { DataTableColumn } from '../../components/data-table';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import type { RiskFilterInput, RiskRegisterRowFragment, RiskSortField, RiskStatus, RiskTreatment } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import type { TableStateControls } from '../../lib/table-state';
import { LevelBadge } from './level-badge';
import { isRecordId, useSetParams } from './url-params';
import { STATUSES, TREATMENTS, treatmentLabel, statusLabel } from './risk-labels';
import type { LevelDefinition } from './risk-level.rules';

/** The register's filters as they are named in the URL (`/risks?untreated=true&owner=…`). */
export const RISK_FILTER_PARAMS = ['status', 'treatment', 'untreated', 'owner', 'unit', 'level', 'needsAcceptance', 'search'] as const;

export const RISK_SORTS: readonly RiskSortField[] = ['SCORE', 'TITLE', 'DUE', 'UPDATED'];

const TREATMENT_VALUES = new Set<string>(TREATMENTS.map((t) => t.value));
const STATUS_VALUES = new Set<string>(STATUSES.map((s) => s.value));

function flag(value: string | undefined): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** The API filter of the URL's filters; values that are not valid are ignored rather than sent. */
export function riskFilterOf(filters: Record<string, string>): RiskFilterInput {
  const filter: RiskFilterInput = {};
  if (STATUS_VALUES.has(filters['status'] ?? '')) filter.status = filters['status'] as RiskStatus;
  if (TREATMENT_VALUES.has(filters['treatment'] ?? '')) filter.treatment = filters['treatment'] as RiskTreatment;
  const untreated = flag(filters['untreated']);
  if (untreated !== undefined) filter.untreated = untreated;
  const needsAcceptance = flag(filters['needsAcceptance']);
  if (needsAcceptance !== undefined) filter.needsAcceptance = needsAcceptance;
  if (isRecordId(filters['owner'])) filter.ownerId = filters['owner'];
  if (isRecordId(filters['unit'])) filter.unitId = filters['unit'];
  if (filters['level']) filter.level = filters['level'];
  if (filters['search']?.trim()) filter.search = filters['search'].trim();
  return filter;
}

/** The treatment filter combines `treatment` and `untreated` into one choice. */
function treatmentChoice(filters: Record<string, string>): string | null {
  if (filters['untreated'] === 'true') return 'UNTREATED';
  if (filters['untreated'] === 'false' && !filters['treatment']) return 'TREATED';
  return filters['treatment'] || null;
}

interface RiskFiltersProps {
  table: TableStateControls<RiskSortField>;
  levels: readonly LevelDefinition[];
  /** False on "My risks", where the owner is the person signed in. */
  showOwner?: boolean;
  /** The filtered owner's name when the URL carries only their id. */
  owner?: PersonOption | null;
}

export function RiskFilters({ table, levels, showOwner = true, owner }: RiskFiltersProps) {
  const { filters } = table;
  const setParams = useSetParams();
  const [search, setSearch] = useState(filters['search'] ?? '');
  const pushSearch = useDebouncedCallback((value: string) => setParams({ search: value.trim() }), 350);
  const urlSearch = filters['search'] ?? '';
  // Back/forward or "Clear filters" change the URL: the box follows, without undoing what is being typed.
  useEffect(() => setSearch((current) => (current.trim() === urlSearch.trim() ? current : urlSearch)), [urlSearch]);
  const active = RISK_FILTER_PARAMS.some((name) => filters[name]);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="risk-filters">
      <TextInput
        label="Search"
        placeholder="Words in the title, threat or vulnerability"
        w={300}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          pushSearch(event.currentTarget.value);
        }}
        data-testid="risk-search"
      />
      <Select
        label="Status"
        placeholder="Any"
        w={120}
        clearable
        data={STATUSES.map((s) => ({ value: s.value, label: s.label }))}
        value={filters['status'] || null}
        onChange={(value) => setParams({ status: value })}
        data-testid="risk-filter-status"
      />
      <Select
        label="Treatment"
        placeholder="Any"
        w={170}
        clearable
        data={[{ value: 'UNTREATED', label: 'Not treated yet' }, { value: 'TREATED', label: 'Any treatment' }, ...TREATMENTS.map((t) => ({ value: t.value, label: t.label }))]}
        value={treatmentChoice(filters)}
        onChange={(value) => {
          if (value === 'UNTREATED') setParams({ untreated: 'true', treatment: null });
          else if (value === 'TREATED') setParams({ untreated: 'false', treatment: null });
          else setParams({ treatment: value, untreated: null });
        }}
        data-testid="risk-filter-treatment"
      />
      <Select
        label="Current level"
        placeholder="Any"
        w={140}
        clearable
        data={[...levels].sort((a, b) => b.rank - a.rank).map((l) => ({ value: l.key, label: l.label }))}
        value={filters['level'] || null}
        onChange={(value) => setParams({ level: value })}
        data-testid="risk-filter-level"
      />
      {showOwner && (
        <PersonSelect
          label="Owner"
          w={200}
          value={filters['owner'] || null}
          selected={owner ?? null}
          placeholder="Anyone"
          onChange={(id) => setParams({ owner: id })}
          data-testid="risk-filter-owner"
        />
      )}
      <UnitSelect
        label="Unit"
        w={240}
        includeInactive
        placeholder="Any unit"
        value={filters['unit'] || null}
        onChange={(value) => setParams({ unit: value })}
        data-testid="risk-filter-unit"
      />
      <Checkbox
        label="Needs acceptance"
        mb={8}
        checked={filters['needsAcceptance'] === 'true'}
        onChange={(event) => setParams({ needsAcceptance: event.currentTarget.checked ? 'true' : null })}
        data-testid="risk-filter-needs-acceptance"
      />
      {active && (
        <Button variant="subtle" size="sm" onClick={() => setParams(Object.fromEntries(RISK_FILTER_PARAMS.map((name) => [name, null])))} data-testid="risk-filters-clear">
          Clear filters
        </Button>
      )}
    </Group>
  );
}

function Assessed({ levels, level, likelihood, impact, testId }: { levels: readonly LevelDefinition[]; level: string | null; likelihood: number | null; impact: number | null; testId: string }) {
  if (!level) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        Not assessed
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <LevelBadge levels={levels} level={level} testId={testId} />
      <Text size="xs" c="dimmed" aria-label={`likelihood ${likelihood}, impact ${impact}`}>
        {likelihood}×{impact}
      </Text>
    </Group>
  );
}

/** The register's columns: every record by name, levels in words on their colour. */
export function riskColumns<T extends RiskRegisterRowFragment>(levels: readonly LevelDefinition[], options: { showOwner?: boolean } = {}): DataTableColumn<T>[] {
  const columns: DataTableColumn<T>[] = [
    {
      id: 'title',
      header: 'Risk',
      sortKey: 'TITLE',
      cell: (risk) => (
        <Anchor component={Link} to={`/risks/${risk.id}`} size="sm" fw={600} data-testid="risk-title">
          {risk.title}
        </Anchor>
      ),
    },
  ];
  if (options.showOwner !== false) {
    columns.push({ id: 'owner', header: 'Owner', cell: (risk) => <span data-testid="risk-owner">{risk.owner?.name ?? 'No owner'}</span> });
  }
  columns.push(
    { id: 'unit', header: 'Unit', cell: (risk) => risk.unit?.name ?? '—' },
    { id: 'inherent', header: 'Inherent', cell: (risk) => <Assessed levels={levels} level={risk.inherentLevel} likelihood={risk.inherentLikelihood} impact={risk.inherentImpact} testId="risk-inherent" /> },
    { id: 'residual', header: 'Residual', cell: (risk) => <Assessed levels={levels} level={risk.residualLevel} likelihood={risk.residualLikelihood} impact={risk.residualImpact} testId="risk-residual" /> },
    { id: 'current', header: 'Current level', sortKey: 'SCORE', cell: (risk) => <LevelBadge levels={levels} level={risk.currentLevel} /> },
    {
      id: 'treatment',
      header: 'Treatment',
      cell: (risk) => (
        <div>
          <Text size="sm" data-testid="risk-treatment">
            {treatmentLabel(risk.treatment)}
          </Text>
          {risk.needsAcceptance && (
            <Text size="xs" c="red.9" fw={600}>
              Needs acceptance
            </Text>
          )}
          {risk.acceptance && (
            <Text size="xs" c="dimmed">
              Accepted {formatDate(risk.acceptance.acceptedAt)}
            </Text>
          )}
        </div>
      ),
    },
    { id: 'status', header: 'Status', cell: (risk) => statusLabel(risk.status) },
    { id: 'review', header: 'Next review', sortKey: 'DUE', cell: (risk) => formatDate(risk.nextReviewOn) },
    { id: 'updated', header: 'Updated', sortKey: 'UPDATED', cell: (risk) => formatDate(risk.updatedAt) },
  );
  return columns;
}

/** Offset and page size of the API for the table's page. */
export function pageWindow(table: { page: number; pageSize: number }): { first: number; offset: number } {
  return { first: table.pageSize, offset: (table.page - 1) * table.pageSize };
}

export function sortOf(table: { sort: string; direction: 'asc' | 'desc' }): { sort: RiskSortField; direction: 'ASC' | 'DESC' } {
  const sort = (RISK_SORTS as readonly string[]).includes(table.sort) ? (table.sort as RiskSortField) : 'SCORE';
  return { sort, direction: table.direction === 'asc' ? 'ASC' : 'DESC' };
}
