import { invalidRequest } from "../../unified/llm-error";

/** A tool as Kiro is told about it: name, description, JSON Schema of its input. */
export type DeclaredTool = { name: string; description: string; inputSchema: Record<string, unknown> };

/**
 * Anthropic-defined tools the client runs itself (docs.anthropic.com, "Bash tool" and "Text editor
 * tool"): the request carries only `type` and `name`, and Anthropic supplies the input schema. Kiro
 * knows no such types, so the gateway declares them as ordinary tools with the documented input
 * members; the model's calls come back under the client's own tool name, as Anthropic would send them.
 */
function clientToolSchema(type: string): { description: string; inputSchema: Record<string, unknown> } | undefined {
  if (/^bash_\d{8}$/.test(type)) {
    return {
      description: "Runs a shell command in a persistent bash session and returns its output. Set restart to true to start a fresh session.",
      inputSchema: {
        type: "object",
        properties: {
          command: { type: "string", description: "The bash command to run." },
          restart: { type: "boolean", description: "Restart the bash session instead of running a command." },
        },
      },
    };
  }
  if (/^text_editor_\d{8}$/.test(type)) {
    // The 2024-10-22 and 2025-01-24 versions also offer undo_edit; later ones dropped it.
    const commands = ["view", "create", "str_replace", "insert", ...(type <= "text_editor_20250124" ? ["undo_edit"] : [])];
    return {
      description:
        "Views, creates and edits text files. view shows a file with line numbers (or lists a directory); create writes file_text to a new file; " +
        "str_replace replaces old_str, which must occur exactly once, with new_str; insert adds new_str after line insert_line (0 = the start).",
      inputSchema: {
        type: "object",
        properties: {
          command: { type: "string", enum: commands, description: "The operation to perform." },
          path: { type: "string", description: "Path of the file or directory." },
          view_range: { type: "array", items: { type: "integer" }, description: "For view: first and last line to show (1-based; -1 = to the end)." },
          file_text: { type: "string", description: "For create: the content of the new file." },
          old_str: { type: "string", description: "For str_replace: the exact text to replace." },
          new_str: { type: "string", description: "For str_replace and insert: the new text." },
          insert_line: { type: "integer", description: "For insert: the line after which to insert (0 = the start of the file)." },
        },
        required: ["command", "path"],
      },
    };
  }
  return undefined;
}

/** Anthropic tools that run on Anthropic's servers (docs.anthropic.com, "Server tools"); Kiro has no equivalent. */
const serverToolType = /^(web_search|web_fetch|code_execution|tool_search_tool)_/;

/**
 * The tool Kiro is told about for one entry of an Anthropic `tools` array: custom tools as given,
 * Anthropic's client-run bash and text editor tools with their documented input schemas.
 * @throws LlmError (400, naming the tool) for Anthropic server tools and other Anthropic-defined
 * tools the gateway cannot translate (computer use, memory, …).
 */
export function declareAnthropicTool(
  tool: { name: string; type?: string | null; description?: string | null; input_schema?: Record<string, unknown> | null },
  index: number,
): DeclaredTool {
  if (!tool.type || tool.type === "custom") {
    return { name: tool.name, description: tool.description ?? "", inputSchema: (tool.input_schema ?? { type: "object", properties: {} }) as Record<string, unknown> };
  }
  const known = clientToolSchema(tool.type);
  if (known) return { name: tool.name, ...known };
  const reason = serverToolType.test(tool.type)
    ? "is an Anthropic server tool, which Kiro cannot run"
    : "is an Anthropic-defined tool this gateway cannot provide through Kiro (it supports bash_* and text_editor_*)";
  throw invalidRequest(`tools.${index}: '${tool.name}' (${tool.type}) ${reason}; declare it as a custom tool with an input_schema instead.`, {
    param: `tools.${index}`,
  });
}
