import { cookies, headers } from "next/headers";
import { chooseLocale, formatMessage, localeCookieName, type Locale } from "./locale";
import { messages, type MessageKey } from "./messages";

/** The visitor's language in a server component or route: their saved choice, else `Accept-Language`. */
export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return chooseLocale(cookieStore.get(localeCookieName)?.value, headerList.get("accept-language"));
}

/** A translator for server components: `t(key, values?)` in the visitor's language. */
export async function getTranslator(): Promise<{ locale: Locale; t: (key: MessageKey, values?: Record<string, string | number>) => string }> {
  const locale = await getLocale();
  return { locale, t: (key, values) => formatMessage(messages[locale][key], values) };
}
