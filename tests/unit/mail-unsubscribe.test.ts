import { describe, expect, it } from "vitest";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/mail/unsubscribe";
import { mailSettingsSchema } from "@/lib/mail/schema";
import { deliveriesOf } from "@/lib/mail/kinds";

describe("unsubscribe tokens", () => {
  it("name the user and kind, signed: another secret, user or kind does not verify", () => {
    const token = unsubscribeToken("secret-one", 42, "page-comment");
    expect(readUnsubscribeToken("secret-one", token)).toEqual({ userId: 42, scope: "page-comment" });
    expect(readUnsubscribeToken("secret-two", token)).toBeNull();
    expect(readUnsubscribeToken("secret-one", token.replace(/^42\./, "43."))).toBeNull();
    expect(readUnsubscribeToken("secret-one", token.replace("page-comment", "page-revision"))).toBeNull();
    expect(readUnsubscribeToken("secret-one", "42.page-comment")).toBeNull();
    expect(readUnsubscribeToken("secret-one", unsubscribeToken("secret-one", 1, "digest"))).toEqual({
      userId: 1,
      scope: "digest",
    });
  });
});

describe("mail settings", () => {
  it("read a stored value leniently: unknown kinds and values count as immediate", () => {
    const kinds = deliveriesOf({ "page-comment": "never", "page-revision": "weekly", other: "digest" });
    expect(kinds["page-comment"]).toBe("never");
    expect(kinds["page-revision"]).toBe("immediate");
    expect(Object.keys(kinds)).not.toContain("other");
  });

  it("the form needs a choice per kind; an unticked auto-watch box means off", () => {
    const form = {
      "page-revision": "digest",
      "page-comment": "never",
      "review-awaiting": "immediate",
      "review-decision": "immediate",
      "needs-changed": "immediate",
      "needs-decision": "digest",
    };
    expect(mailSettingsSchema.parse(form).autoWatch).toBe(false);
    expect(mailSettingsSchema.parse({ ...form, autoWatch: "on" })).toEqual({ autoWatch: true, kinds: form });
    expect(mailSettingsSchema.safeParse({ ...form, "page-comment": "weekly" }).success).toBe(false);
    expect(mailSettingsSchema.safeParse({ autoWatch: "on" }).success).toBe(false);
  });
});
