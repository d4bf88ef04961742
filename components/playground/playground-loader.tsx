"use client";

import dynamic from "next/dynamic";

// The playground reads the saved key from local storage as it starts, so it renders in the browser only.
const ClientPlayground = dynamic(() => import("./playground").then((module) => module.Playground), { ssr: false });

/** The playground, rendered in the browser. */
export function PlaygroundLoader({ models }: { models: string[] }) {
  return <ClientPlayground models={models} />;
}
