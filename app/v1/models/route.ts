import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleListModels } from "@/lib/gateway/handle-models";

export const dynamic = "force-dynamic";

/** The served models, in the OpenAI or (with `anthropic-version`) the Anthropic list shape. */
export function GET(request: Request): Promise<Response> {
  return handleListModels(request);
}

const otherMethods = otherMethodHandlers(["GET"]);
export const POST = otherMethods.POST;
export const PUT = otherMethods.PUT;
export const PATCH = otherMethods.PATCH;
export const DELETE = otherMethods.DELETE;
export const OPTIONS = otherMethods.OPTIONS;
