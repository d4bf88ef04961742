"use client";

import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { useCopy } from "./copy-to-clipboard";
import { useTranslator } from "./locale-provider";

/**
 * Copies `text` and says "Copied" only when it really was. When the browser refuses, it says so
 * and selects the element with id `targetId` (the visible text) so it can be copied by hand.
 */
export function CopyButton({ text, label, testId, targetId }: { text: string; label?: string; testId?: string; targetId?: string }) {
  const { t } = useTranslator();
  const { state, copy } = useCopy();
  const button = useRef<HTMLButtonElement>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        ref={button}
        variant="outline"
        size="sm"
        data-testid={testId}
        onClick={() => copy(text, { target: targetId ? document.getElementById(targetId) : null, container: button.current?.parentElement })}
      >
        {state === "copied" ? <CheckIcon /> : state === "failed" ? <TriangleAlertIcon /> : <CopyIcon />}{" "}
        {state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailedShort") : (label ?? t("common.copy"))}
      </Button>
      {state === "failed" ? (
        <span role="alert" className="max-w-64 text-right text-xs text-destructive" data-testid={testId ? `${testId}-failed` : undefined}>
          {t("common.copyFailed")}
        </span>
      ) : null}
    </span>
  );
}
