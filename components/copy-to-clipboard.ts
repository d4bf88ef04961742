"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The legacy way to copy: a hidden textarea holding `text`, selected, then `execCommand("copy")`.
 * It is placed inside `container` because a modal dialog's focus trap would pull focus (and with
 * it the selection) back out of anything appended outside the dialog.
 */
function copyWithExecCommand(text: string, container: HTMLElement): boolean {
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.tabIndex = -1;
  // Fixed and transparent: no layout shift and no scroll jump, yet still selectable (display:none is not).
  Object.assign(area.style, { position: "fixed", top: "0", left: "0", width: "1px", height: "1px", padding: "0", border: "0", opacity: "0", pointerEvents: "none" });
  container.appendChild(area);
  try {
    area.focus({ preventScroll: true });
    area.select();
    area.setSelectionRange(0, text.length);
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    previousFocus?.focus({ preventScroll: true });
  }
}

/**
 * Copies `text` to the clipboard. Resolves true only when it really was copied: the Clipboard API
 * where the page may use it (it is undefined outside a secure context, e.g. plain http on a LAN
 * address), else the `execCommand` fallback. `container` is where the fallback's textarea goes
 * (default `document.body`; pass an element inside an open dialog).
 */
export async function copyText(text: string, container?: HTMLElement | null): Promise<boolean> {
  if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (permission, document not focused): the fallback may still work.
    }
  }
  return copyWithExecCommand(text, container ?? document.body);
}

/** Selects everything inside `element`, so a person can copy it by hand after a failed copy. */
export function selectContents(element: HTMLElement | null | undefined): void {
  if (!element) return;
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Where a copy attempt stands: nothing yet, copied (briefly), or failed (until the next try). */
export type CopyState = "idle" | "copied" | "failed";

/**
 * A copy action with honest feedback: `copy(text, { target, container })` copies `text`, shows
 * "copied" for two seconds on real success, and on failure stays "failed" and selects `target`
 * (the element showing the text) for a manual copy.
 */
export function useCopy(): { state: CopyState; copy: (text: string, options?: { target?: HTMLElement | null; container?: HTMLElement | null }) => Promise<boolean>; reset: () => void } {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const reset = useCallback(() => {
    clearTimeout(timer.current);
    setState("idle");
  }, []);
  const copy = useCallback(async (text: string, options: { target?: HTMLElement | null; container?: HTMLElement | null } = {}) => {
    clearTimeout(timer.current);
    const copied = await copyText(text, options.container);
    if (copied) {
      setState("copied");
      timer.current = setTimeout(() => setState("idle"), 2000);
    } else {
      setState("failed");
      selectContents(options.target);
    }
    return copied;
  }, []);
  return { state, copy, reset };
}
