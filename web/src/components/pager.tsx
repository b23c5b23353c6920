// Previous / "page n" / next under a cursor-paged list: `cursors` is the stack of page-start cursors (the first
// entry is the first page's), so going back pops one and going on pushes the current page's end cursor.
import { Button } from 'antd';
import type { Dispatch, SetStateAction } from 'react';

export function Pager<C>({
  cursors,
  setCursors,
  pageInfo,
  previousLabel,
  pageLabel,
  nextLabel,
}: {
  cursors: C[];
  setCursors: Dispatch<SetStateAction<C[]>>;
  pageInfo: { hasNextPage: boolean; endCursor?: C | null } | undefined;
  previousLabel: string;
  pageLabel: string;
  nextLabel: string;
}) {
  return (
    <div className="pager">
      <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
        {previousLabel}
      </Button>
      <span>{pageLabel}</span>
      <Button
        disabled={!pageInfo?.hasNextPage}
        onClick={() => pageInfo?.endCursor && setCursors((c) => [...c, pageInfo.endCursor!])}
      >
        {nextLabel}
      </Button>
    </div>
  );
}
