import { handleUnknownEndpoint } from "@/lib/gateway/handle-unknown-endpoint";

export const dynamic = "force-dynamic";

export const GET = handleUnknownEndpoint;
export const POST = handleUnknownEndpoint;
export const PUT = handleUnknownEndpoint;
export const PATCH = handleUnknownEndpoint;
export const DELETE = handleUnknownEndpoint;
// A path that does not exist serves no method, preflights included.
export const OPTIONS = handleUnknownEndpoint;
