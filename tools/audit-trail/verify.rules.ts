import { ChainReport } from '@iso27001/platform';

export interface TrailVerification {
  database: string;
  chains: ChainReport[];
  /** Set when the database or its trail could not be read. */
  error?: string;
}

/** One line per chain (rows checked, head, first break), one per database in error; exit 1 on a break, 2 on an error. */
export function renderReport(results: readonly TrailVerification[]): { lines: string[]; exitCode: number } {
  const lines: string[] = [];
  let broken = 0;
  let failed = 0;
  for (const result of results) {
    if (result.error) {
      failed += 1;
      lines.push(`${result.database}: cannot be checked: ${result.error}`);
      continue;
    }
    if (result.chains.length === 0) lines.push(`${result.database}: no trail rows yet`);
    for (const chain of result.chains) {
      const where = `${result.database} chain ${chain.chain}`;
      if (chain.broken) {
        broken += 1;
        lines.push(`${where}: BROKEN at seq ${chain.broken.seq} (${chain.broken.reason}): ${chain.broken.detail}; ${chain.rows} rows checked`);
      } else {
        lines.push(`${where}: ok, ${chain.rows} rows checked, head ${chain.head?.seq ?? 0} ${chain.head?.hash ?? ''}`.trimEnd());
      }
    }
  }
  lines.push(broken === 0 && failed === 0 ? 'audit trail: every chain holds' : `audit trail: ${broken} broken chain(s), ${failed} database(s) not checked`);
  return { lines, exitCode: broken > 0 ? 1 : failed > 0 ? 2 : 0 };
}
