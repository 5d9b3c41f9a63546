import { Group, Pagination, ScrollArea, Select, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { PAGE_SIZES } from '../lib/table-state';

export interface DataTableColumn<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Set when the server can sort by this column: the value passed back as the sort key. */
  sortKey?: string;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
}

interface DataTableProps<T> {
  /** Accessible name of the table (its caption). */
  label: string;
  columns: DataTableColumn<T>[];
  rows: T[];
  rowId: (row: T) => string;
  /** Rows over all pages; with `page` and `pageSize`, shows the pager. */
  totalCount?: number;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  sort?: string;
  direction?: 'asc' | 'desc';
  onSortChange?: (sort: string, direction: 'asc' | 'desc') => void;
  loading?: boolean;
  empty?: ReactNode;
  testId?: string;
  /** Row attributes for tests and styling, e.g. data-risk-id. */
  rowProps?: (row: T) => Record<string, string>;
  /** Pages longer than this are rendered virtually (only the visible rows are in the DOM). */
  virtualiseAbove?: number;
}

const ROW_HEIGHT = 41;

/**
 * A table whose paging and sorting happen on the server: the page in hand is all the browser holds. Long pages are
 * virtualised. Built on TanStack Table (headless state) and Mantine's Table (markup and styles).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { label, columns, rows, rowId, totalCount, page = 1, pageSize = rows.length || 1, sort, direction, onSortChange, loading, testId } = props;
  const columnDefs: ColumnDef<T>[] = columns.map((column) => ({ id: column.id, header: column.header, cell: (info) => column.cell(info.row.original) }));
  const table = useReactTable({ data: rows, columns: columnDefs, getCoreRowModel: getCoreRowModel(), getRowId: (row) => rowId(row), manualPagination: true, manualSorting: true });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > (props.virtualiseAbove ?? 100);
  const virtualizer = useVirtualizer({ count: virtual ? rows.length : 0, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const tableRows = table.getRowModel().rows;
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const paddingTop = virtual && items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const paddingBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const visible = virtual ? items.map((item) => tableRows[item.index]).filter((row) => row !== undefined) : tableRows;
  const pages = totalCount !== undefined ? Math.max(1, Math.ceil(totalCount / pageSize)) : 1;

  const header = (column: DataTableColumn<T>) => {
    if (!column.sortKey || !onSortChange) return column.header;
    const active = sort === column.sortKey;
    const next = active && direction === 'asc' ? 'desc' : 'asc';
    return (
      <UnstyledButton onClick={() => onSortChange(column.sortKey as string, next)} fw={600} fz="sm" data-testid={`sort-${column.id}`}>
        {column.header}
        <span aria-hidden> {active ? (direction === 'asc' ? '▲' : '▼') : '↕'}</span>
        <VisuallyHidden>{active ? `, sorted ${direction === 'asc' ? 'ascending' : 'descending'}` : ', sortable'}</VisuallyHidden>
      </UnstyledButton>
    );
  };

  return (
    <div data-testid={testId} aria-busy={loading || undefined}>
      <ScrollArea.Autosize mah={virtual ? 640 : undefined} viewportRef={scrollRef} type="auto">
        <Table striped highlightOnHover stickyHeader verticalSpacing="xs" style={{ opacity: loading ? 0.6 : 1 }}>
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <VisuallyHidden>{label}</VisuallyHidden>
          </caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th
                  key={column.id}
                  style={{ width: column.width, textAlign: column.align }}
                  aria-sort={column.sortKey && sort === column.sortKey ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {header(column)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden>
                <td style={{ height: paddingTop, padding: 0 }} colSpan={columns.length} />
              </tr>
            )}
            {visible.map((row) => (
              <Table.Tr key={row.id} data-testid={`${testId ?? 'table'}-row`} {...(props.rowProps?.(row.original) ?? {})}>
                {row.getVisibleCells().map((cell, index) => (
                  <Table.Td key={cell.id} style={{ textAlign: columns[index]?.align }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {paddingBottom > 0 && (
              <tr aria-hidden>
                <td style={{ height: paddingBottom, padding: 0 }} colSpan={columns.length} />
              </tr>
            )}
            {rows.length === 0 && !loading && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text component="div" c="dimmed" size="sm" py="md" ta="center">
                    {props.empty ?? 'Nothing to show.'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {totalCount !== undefined && props.onPageChange && (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed" data-testid={`${testId ?? 'table'}-total`}>
            {totalCount === 0 ? 'No rows' : `${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, totalCount)} of ${totalCount.toLocaleString('en-GB')}`}
          </Text>
          <Group gap="sm">
            {props.onPageSizeChange && (
              <Select
                aria-label="Rows per page"
                size="xs"
                w={90}
                data={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
                value={String(pageSize)}
                onChange={(value) => value && props.onPageSizeChange?.(Number(value))}
                allowDeselect={false}
              />
            )}
            <Pagination total={pages} value={Math.min(page, pages)} onChange={props.onPageChange} size="sm" getControlProps={(control) => ({ 'aria-label': `${control} page` })} />
          </Group>
        </Group>
      )}
    </div>
  );
}
