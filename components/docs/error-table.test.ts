import { describe, expect, it } from "vitest";
import { docsErrorRows } from "./error-table";

describe("the docs page's error table", () => {
  const rows = docsErrorRows();
  const row = (meaning: string) => rows.find((entry) => entry.meaning === meaning);

  it("lists no usable credential as 503 api_error (OpenAI 503 server_error), not an overload", () => {
    expect(row("docs.error.503")).toMatchObject({ anthropicStatus: 503, anthropicType: "api_error", openaiStatus: 503, openaiType: "server_error" });
  });

  it("lists an overloaded Kiro as Anthropic 529 overloaded_error and OpenAI 503", () => {
    expect(row("docs.error.529")).toMatchObject({ anthropicStatus: 529, anthropicType: "overloaded_error", openaiStatus: 503, openaiType: "server_error" });
  });

  it("matches the README's statuses for every situation", () => {
    expect(rows.map((entry) => entry.anthropicStatus)).toEqual([400, 401, 403, 404, 405, 413, 429, 502, 503, 529, 504]);
    expect(row("docs.error.504")).toMatchObject({ anthropicType: "timeout_error", openaiType: "server_error" });
    expect(row("docs.error.401")).toMatchObject({ anthropicType: "authentication_error", openaiType: "invalid_request_error" });
  });
});
