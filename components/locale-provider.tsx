"use client";

import { LanguagesIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { createContext, useContext, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { formatMessage, localeCookieName, type Locale } from "@/lib/i18n/locale";
import { messages, type MessageKey } from "@/lib/i18n/messages";

const LocaleContext = createContext<Locale>("en");

/** Gives client components the language the server chose for this page. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The current language and `t(key, values?)` for client components. */
export function useTranslator(): { locale: Locale; t: (key: MessageKey, values?: Record<string, string | number>) => string } {
  const locale = useContext(LocaleContext);
  return { locale, t: (key, values) => formatMessage(messages[locale][key], values) };
}

/** Switches between English and 中文: saves the choice in a cookie and re-renders the page. */
export function LanguageSwitch() {
  const { locale, t } = useTranslator();
  const router = useRouter();
  const next: Locale = locale === "en" ? "zh" : "en";
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={t("language.switch")}
      title={t("language.switch")}
      data-testid="language-switch"
      onClick={() => {
        document.cookie = `${localeCookieName}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      <LanguagesIcon /> {next === "zh" ? "中文" : "English"}
    </Button>
  );
}
