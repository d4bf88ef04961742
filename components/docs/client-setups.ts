import type { MessageKey } from "@/lib/i18n/messages";

/** One copy-ready setup on /docs: a tool, the file or shell it goes in, and the text to paste. */
export type ClientSetup = {
  id: string;
  /** The tool's own name (not translated). */
  title: string;
  /** Where it goes: a file such as `~/.claude/settings.json`, or one of `shell`, `python`, `typescript`, `settings` (translated on the page). */
  place: string;
  language: "bash" | "json" | "python" | "typescript" | "text";
  code: string;
  /** A short translated remark under the snippet. */
  note?: MessageKey;
};

/** What every setup is filled in with. */
export type SetupValues = {
  /** The gateway's base URL without a trailing slash, e.g. `https://kirogate.example.com`. */
  baseUrl: string;
  /** The key to use, or a placeholder. */
  apiKey: string;
  /** A served model id, e.g. `claude-sonnet-4-6`. */
  model: string;
  /** The model's alias for Cursor-style tools, e.g. `kirogate:sonnet-4-6`. */
  cursorModel: string;
};

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The setups of every supported client with the base URL, key and model filled in. Anthropic
 * clients take the base URL itself (they add `/v1/messages`); OpenAI clients take `<base>/v1`.
 * Shell values are single-quoted so a key never expands; TypeScript avoids top-level `await`, so it
 * runs in CommonJS and ES module projects alike.
 */
export function buildClientSetups({ baseUrl, apiKey, model, cursorModel }: SetupValues): ClientSetup[] {
  const openAIBase = `${baseUrl}/v1`;
  const quoted = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  return [
    {
      id: "claude-code-env",
      title: "Claude Code",
      place: "shell",
      language: "bash",
      code: `export ANTHROPIC_BASE_URL=${quoted(baseUrl)}\nexport ANTHROPIC_AUTH_TOKEN=${quoted(apiKey)}\nclaude`,
      note: "setup.claudeCodeEnv",
    },
    {
      id: "claude-code-settings",
      title: "Claude Code",
      place: "~/.claude/settings.json",
      language: "json",
      code: json({ env: { ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_AUTH_TOKEN: apiKey } }),
      note: "setup.claudeCodeSettings",
    },
    {
      id: "anthropic-python",
      title: "Anthropic SDK · Python",
      place: "python",
      language: "python",
      code: `from anthropic import Anthropic\n\nclient = Anthropic(base_url="${baseUrl}", api_key="${apiKey}")\nmessage = client.messages.create(\n    model="${model}",\n    max_tokens=1024,\n    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(message.content[0].text)`,
    },
    {
      id: "anthropic-typescript",
      title: "Anthropic SDK · TypeScript",
      place: "typescript",
      language: "typescript",
      code: `import Anthropic from "@anthropic-ai/sdk";\n\nconst client = new Anthropic({ baseURL: "${baseUrl}", apiKey: "${apiKey}" });\nclient.messages\n  .create({\n    model: "${model}",\n    max_tokens: 1024,\n    messages: [{ role: "user", content: "Hello" }],\n  })\n  .then((message) => {\n    for (const block of message.content) if (block.type === "text") console.log(block.text);\n  });`,
    },
    {
      id: "openai-python",
      title: "OpenAI SDK · Python",
      place: "python",
      language: "python",
      code: `from openai import OpenAI\n\nclient = OpenAI(base_url="${openAIBase}", api_key="${apiKey}")\ncompletion = client.chat.completions.create(\n    model="${model}",\n    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(completion.choices[0].message.content)`,
    },
    {
      id: "openai-typescript",
      title: "OpenAI SDK · TypeScript",
      place: "typescript",
      language: "typescript",
      code: `import OpenAI from "openai";\n\nconst client = new OpenAI({ baseURL: "${openAIBase}", apiKey: "${apiKey}" });\nclient.chat.completions\n  .create({\n    model: "${model}",\n    messages: [{ role: "user", content: "Hello" }],\n  })\n  .then((completion) => console.log(completion.choices[0].message.content));`,
    },
    {
      id: "factory",
      title: "Factory (droid)",
      place: "~/.factory/config.json",
      language: "json",
      code: json({
        custom_models: [
          { model_display_name: `${model} (KiroGate)`, model, base_url: baseUrl, api_key: apiKey, provider: "anthropic", max_tokens: 32000 },
          { model_display_name: `${model} (KiroGate, OpenAI API)`, model, base_url: openAIBase, api_key: apiKey, provider: "generic-chat-completion-api", max_tokens: 32000 },
        ],
      }),
      note: "setup.factory",
    },
    {
      id: "vercel-ai-sdk",
      title: "Vercel AI SDK",
      place: "typescript",
      language: "typescript",
      code: `import { createAnthropic } from "@ai-sdk/anthropic";\nimport { generateText } from "ai";\n\nconst kirogate = createAnthropic({ baseURL: "${openAIBase}", apiKey: "${apiKey}" });\ngenerateText({ model: kirogate("${model}"), prompt: "Hello" }).then(({ text }) => console.log(text));`,
      note: "setup.vercel",
    },
    {
      id: "cursor",
      title: "Cursor",
      place: "settings",
      language: "text",
      code: `OpenAI API Key:            ${apiKey}\nOverride OpenAI Base URL:  ${openAIBase}\nCustom model name:         ${cursorModel}`,
      note: "setup.cursor",
    },
    {
      id: "curl-anthropic",
      title: "curl · Anthropic Messages",
      place: "shell",
      language: "bash",
      code: `curl ${baseUrl}/v1/messages \\\n  -H ${quoted(`x-api-key: ${apiKey}`)} \\\n  -H 'anthropic-version: 2023-06-01' \\\n  -H 'content-type: application/json' \\\n  -d '${JSON.stringify({ model, max_tokens: 256, stream: true, messages: [{ role: "user", content: "Hello" }] })}'`,
    },
    {
      id: "curl-openai",
      title: "curl · OpenAI Chat Completions",
      place: "shell",
      language: "bash",
      code: `curl ${openAIBase}/chat/completions \\\n  -H ${quoted(`Authorization: Bearer ${apiKey}`)} \\\n  -H 'content-type: application/json' \\\n  -d '${JSON.stringify({ model, messages: [{ role: "user", content: "Hello" }] })}'`,
    },
  ];
}
