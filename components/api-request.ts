/**
 * Calls one of our own JSON APIs from the browser (same origin, so the session cookie and an
 * `Origin` header go with it). Resolves with the parsed body.
 * @throws Error with the server's `error.message` for a non-2xx answer.
 */
export async function apiRequest<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: options.method ?? "GET",
    headers: options.body === undefined ? undefined : { "content-type": "application/json" },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    cache: "no-store",
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message;
    throw new Error(message ?? `The server answered ${response.status}.`);
  }
  return parsed as T;
}

/** `1 234`, `1.2k`… a count for a narrow cell. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (Math.abs(value) >= 10_000) return new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(value);
}

const intlLocale = (locale: string) => (locale === "zh" ? "zh-CN" : "en");

/** An epoch-ms time as "3 min ago" / "in 2 h" (in `locale`, "en" or "zh"), or "—" when absent. */
export function formatRelativeTime(epochMs: number | null | undefined, locale = "en", now = Date.now()): string {
  if (!epochMs) return "—";
  const seconds = Math.round((epochMs - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["day", 86_400],
    ["hour", 3600],
    ["minute", 60],
    ["second", 1],
  ];
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto", style: "short" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return "—";
}

/** An epoch-ms time as a local date and time in `locale` ("en" or "zh"). */
export function formatDateTime(epochMs: number | null | undefined, locale = "en"): string {
  return epochMs ? new Date(epochMs).toLocaleString(intlLocale(locale)) : "—";
}
