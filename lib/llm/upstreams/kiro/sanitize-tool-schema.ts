/**
 * Returns a copy of a tool's JSON Schema that Kiro accepts: `additionalProperties` removed at every
 * level, `required` kept only as a non-empty array of strings, `properties` that is null or not an
 * object replaced by `{}`, and a root that is always `{"type":"object","properties":{…}}`.
 * Kiro answers "Improperly formed request" to the removed forms (spec §2.4.4).
 */
export function sanitizeToolSchema(schema: unknown): Record<string, unknown> {
  const sanitized = sanitizeNode(schema);
  const root = isPlainObject(sanitized) ? sanitized : {};
  return { ...root, type: "object", properties: isPlainObject(root.properties) ? root.properties : {} };
}

// Keywords whose value is one subschema, a list of them, or a map of named ones. Everything else
// (`default`, `examples`, `enum`, `const`, vendor `x-…` members) is data and is kept as sent.
const subschemaKeys = new Set(["items", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems"]);
const subschemaListKeys = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const subschemaMapKeys = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

function sanitizeNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sanitizeNode);
  if (!isPlainObject(node)) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "additionalProperties") continue;
    if (key === "required") {
      const names = Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
      if (names.length > 0) result.required = names;
      continue;
    }
    if (subschemaMapKeys.has(key)) {
      if (!isPlainObject(value)) {
        if (key === "properties") result.properties = {};
        continue;
      }
      result[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, sanitizeNode(child)]));
      continue;
    }
    if (key === "dependencies" && isPlainObject(value)) {
      // Draft-07: each value is either a list of property names or a subschema.
      result[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, Array.isArray(child) ? child : sanitizeNode(child)]));
      continue;
    }
    if (subschemaKeys.has(key) || subschemaListKeys.has(key)) {
      result[key] = sanitizeNode(value);
      continue;
    }
    result[key] = value;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
