"use client";

import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "./api-request";

/**
 * Loads one of our JSON APIs (GET `path`) and keeps it: `data` once loaded, `error` text when the
 * load failed, `reload` after a change. A new `path` loads again; a null `path` loads nothing.
 */
export function useResource<T>(path: string | null): { data: T | undefined; error: string | undefined; reload: () => Promise<void> } {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: string }>({ path });
  const reload = useCallback(async () => {
    if (path === null) return;
    try {
      const data = await apiRequest<T>(path);
      setState({ path, data });
    } catch (error) {
      setState((previous) => ({ path, data: previous.path === path ? previous.data : undefined, error: (error as Error).message }));
    }
  }, [path]);
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    apiRequest<T>(path).then(
      (data) => !cancelled && setState({ path, data }),
      (error: Error) => !cancelled && setState({ path, error: error.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [path]);
  return { data: state.path === path ? state.data : undefined, error: state.path === path ? state.error : undefined, reload };
}
