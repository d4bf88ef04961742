"use client";

import { CheckIcon, CopyIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTranslator } from "./locale-provider";

/** Copies `text` to the clipboard and says so for two seconds. */
export function CopyButton({ text, label, testId }: { text: string; label?: string; testId?: string }) {
  const { t } = useTranslator();
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="outline"
      size="sm"
      data-testid={testId}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          // No clipboard (an insecure origin, say): the text stays selectable on the page.
        }
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />} {copied ? t("common.copied") : (label ?? t("common.copy"))}
    </Button>
  );
}
