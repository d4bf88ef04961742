"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-react/swagger-ui.css";
import { useTranslator } from "../locale-provider";
import { apiKeyStorageKey } from "../playground/playground-storage";

/**
 * Swagger UI over `/openapi.json`, loaded in the browser only. "Try it out" calls this gateway;
 * the key saved by the playground (this browser's local storage) is filled in for both security
 * schemes.
 */
export function ApiReference() {
  const { t } = useTranslator();
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-standalone")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !container.current) return;
        const system = SwaggerUIBundle({
          url: "/openapi.json",
          domNode: container.current,
          tryItOutEnabled: true,
          persistAuthorization: true,
          // Swagger UI calls this with no arguments once the document is loaded.
          onComplete() {
            const saved = window.localStorage.getItem(apiKeyStorageKey);
            if (!saved) return;
            system.preauthorizeApiKey("apiKeyHeader", saved);
            system.preauthorizeApiKey("bearerAuth", saved);
          },
        });
      })
      .catch((error: Error) => !cancelled && setFailure(error.message));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <div className="rounded-xl border bg-white p-2 text-black" data-testid="swagger">
      {failure ? <p className="p-4 text-sm text-red-700">{failure}</p> : null}
      <div ref={container}>
        <p className="p-4 text-sm text-neutral-500">{t("common.loading")}</p>
      </div>
    </div>
  );
}
