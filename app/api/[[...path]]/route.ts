import { handleUnknownApiPath } from "@/lib/gateway/api-method-handlers";

export const dynamic = "force-dynamic";

// Every /api path no other route serves (real routes, /api/auth/* included, are more specific and win).
export const GET = handleUnknownApiPath;
export const HEAD = handleUnknownApiPath;
export const POST = handleUnknownApiPath;
export const PUT = handleUnknownApiPath;
export const PATCH = handleUnknownApiPath;
export const DELETE = handleUnknownApiPath;
export const OPTIONS = handleUnknownApiPath;
