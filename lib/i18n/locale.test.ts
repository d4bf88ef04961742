import { describe, expect, it } from "vitest";
import { chooseLocale, formatMessage } from "./locale";

describe("chooseLocale", () => {
  it("prefers the saved choice, then Accept-Language by quality, then English", () => {
    expect(chooseLocale("zh", "en-US")).toBe("zh");
    expect(chooseLocale("en", "zh-CN")).toBe("en");
    expect(chooseLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(chooseLocale(undefined, "en;q=0.5, zh-Hans;q=0.9")).toBe("zh");
    expect(chooseLocale(undefined, "fr-FR, en;q=0.7, zh;q=0.6")).toBe("en");
    expect(chooseLocale(undefined, "zh;q=0, en")).toBe("en");
    expect(chooseLocale("de", "de-DE")).toBe("en");
    expect(chooseLocale(undefined, undefined)).toBe("en");
  });
});

describe("formatMessage", () => {
  it("fills named placeholders and leaves unknown ones", () => {
    expect(formatMessage("{count} requests from {who}", { count: 3, who: "alice" })).toBe("3 requests from alice");
    expect(formatMessage("hello {name}")).toBe("hello {name}");
    expect(formatMessage("hello {name}", {})).toBe("hello {name}");
  });
});
