"use client";

import { MoonIcon, SunIcon } from "lucide-react";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { useTranslator } from "./locale-provider";

/** Where the visitor's light/dark choice is kept (a display preference, nothing secret). */
export const themeStorageKey = "kirogate-theme";

/**
 * Runs before first paint (inlined in <head>): applies the saved theme, else the system's, so a
 * dark-mode visitor never sees a white flash.
 */
export const themeBootScript = `try{var t=localStorage.getItem("${themeStorageKey}");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

function applySavedTheme() {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(themeStorageKey);
  } catch {
    // Storage refused: follow the system.
  }
  document.documentElement.classList.toggle("dark", saved === "dark" || (!saved && matchMedia("(prefers-color-scheme: dark)").matches));
}

/** Switches between light and dark and remembers the choice. */
export function ThemeToggle() {
  const { t } = useTranslator();
  // Re-applied after hydration (React may rewrite <html>'s attributes) and when the system theme changes.
  useEffect(() => {
    applySavedTheme();
    const query = matchMedia("(prefers-color-scheme: dark)");
    query.addEventListener("change", applySavedTheme);
    return () => query.removeEventListener("change", applySavedTheme);
  }, []);
  const toggle = () => {
    const dark = !document.documentElement.classList.contains("dark");
    document.documentElement.classList.toggle("dark", dark);
    try {
      localStorage.setItem(themeStorageKey, dark ? "dark" : "light");
    } catch {
      // Private browsing may refuse storage; the switch still works for this page.
    }
  };
  return (
    <Button variant="ghost" size="icon" onClick={toggle} aria-label={t("theme.toggle")} title={t("theme.toggle")}>
      <SunIcon className="hidden dark:block" />
      <MoonIcon className="dark:hidden" />
    </Button>
  );
}
