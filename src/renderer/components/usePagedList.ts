import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from '../../contract';

/** A list the core serves in pages, loaded one page at a time as the user scrolls. */
export function usePagedList<T>(
  queryKey: readonly unknown[],
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pageSize = 100,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam, pageSize),
    initialPageParam: 0,
    getNextPageParam: (last, _all, lastOffset) => {
      const next = lastOffset + last.items.length;
      return last.items.length > 0 && next < last.total ? next : undefined;
    },
    // Keeps the old rows on screen while a new search loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages ?? [];
  return {
    rows: pages.flatMap((page) => page.items),
    total: pages.at(-1)?.total ?? 0,
    hasMore: query.hasNextPage,
    isLoading: query.isPending,
    isFetching: query.isFetching,
    isFetchingMore: query.isFetchingNextPage,
    error: query.error,
    loadMore: () => {
      // After a failed page the user retries via refetch; asking again on every render would loop.
      if (query.hasNextPage && !query.isFetchingNextPage && !query.isFetchNextPageError) void query.fetchNextPage();
    },
    refetch: () => void query.refetch(),
  };
}
