import { createHash } from "node:crypto";
import { invalidRequest } from "../../unified/llm-error";

/** Longest tool name Kiro accepts (spec §2.4.4). */
export const kiroToolNameMaxLength = 64;
// Same character set both client APIs document for function / tool names.
const toolNamePattern = /^[A-Za-z0-9_-]+$/;

/**
 * Two-way map between the client's tool names and the names sent to Kiro. Names Kiro would reject
 * for length, or that differ from another only in case (Kiro ignores case), get a deterministic alias (a prefix, `_`, then 8 hex characters of the name's SHA-256),
 * so the same name gets the same alias on every turn and two names sharing a prefix never collide.
 */
export class KiroToolNames {
  private readonly aliasByName = new Map<string, string>();
  private readonly nameByAlias = new Map<string, string>();
  // Kiro compares tool names ignoring case, so `Get` and `get` would collide upstream.
  private readonly aliasesInLowerCase = new Set<string>();

  /**
   * The name to send upstream for a client tool name.
   * @throws LlmError (400) when the name is empty or has characters outside `A-Z a-z 0-9 _ -`.
   */
  toKiro(name: string): string {
    const known = this.aliasByName.get(name);
    if (known) return known;
    if (!toolNamePattern.test(name)) {
      throw invalidRequest(
        `Tool name '${name}' is invalid: tool names may only contain letters, digits, '_' and '-'.`,
        { param: "tools" },
      );
    }
    let alias = name;
    if (name.length > kiroToolNameMaxLength || this.aliasesInLowerCase.has(name.toLowerCase())) {
      const digest = createHash("sha256").update(name).digest("hex");
      alias = `${name.slice(0, kiroToolNameMaxLength - 9)}_${digest.slice(0, 8)}`;
    }
    this.aliasesInLowerCase.add(alias.toLowerCase());
    this.aliasByName.set(name, alias);
    this.nameByAlias.set(alias, name);
    return alias;
  }

  /** The client's name for a name Kiro used in a response; unknown names pass through. */
  toClient(kiroName: string): string {
    return this.nameByAlias.get(kiroName) ?? kiroName;
  }
}
