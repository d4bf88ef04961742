import { otherMethodHandlers } from "@/lib/gateway/handle-unknown-endpoint";
import { handleListModels } from "@/lib/gateway/handle-models";

export const dynamic = "force-dynamic";

/** The served models, in the OpenAI or (with `anthropic-version`) the Anthropic list shape. */
export function GET(request: Request): Promise<Response> {
  return handleListModels(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodHandlers(["GET"]);
