"use client";

import { useCallback, useEffect, useState } from "react";
import { apiRequest } from "./api-request";

/**
 * Loads one of our JSON APIs (GET `path`) and keeps it: `data` once loaded, `error` text when the
 * load failed, `reload` after a change. A new `path` loads again.
 */
export function useResource<T>(path: string): { data: T | undefined; error: string | undefined; reload: () => Promise<void> } {
  const [state, setState] = useState<{ path: string; data?: T; error?: string }>({ path });
  const reload = useCallback(async () => {
    try {
      const data = await apiRequest<T>(path);
      setState({ path, data });
    } catch (error) {
      setState((previous) => ({ path, data: previous.path === path ? previous.data : undefined, error: (error as Error).message }));
    }
  }, [path]);
  useEffect(() => {
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
