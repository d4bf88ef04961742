/** The UI's languages: English and Simplified Chinese. */
export const locales = ["en", "zh"] as const;

/** One of `locales`. */
export type Locale = (typeof locales)[number];

/** Cookie holding the visitor's choice from the language switch (a display preference). */
export const localeCookieName = "kirogate-locale";

/**
 * The language to show: the visitor's saved choice, else the first `Accept-Language` entry we have
 * (by q-value; any `zh*` tag means Simplified Chinese, RFC 9110 §12.5.4), else English.
 */
export function chooseLocale(savedChoice: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (savedChoice === "en" || savedChoice === "zh") return savedChoice;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((entry, index) => {
      const [tag, ...parameters] = entry.trim().split(";");
      const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((left, right) => right.quality - left.quality || left.index - right.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "en";
}

/** Fills `{name}` placeholders of a message with `values`. */
export function formatMessage(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
