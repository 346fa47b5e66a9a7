import { describe, expect, it } from "vitest";
import { DEFAULT_RULE, describeRule, evaluateRule } from "@/lib/review/rule";

describe("agreement rule", () => {
  it("needs two approvals, one +2, and no veto by default", () => {
    expect(evaluateRule(DEFAULT_RULE, [])).toMatchObject({
      met: false,
      words: "needs 2 more maintainers at +1 or more; needs one more +2; no veto",
    });
    expect(evaluateRule(DEFAULT_RULE, [1]).words).toBe(
      "needs one more maintainer at +1 or more; needs one more +2; no veto",
    );
    expect(evaluateRule(DEFAULT_RULE, [1, 1]).words).toBe("needs one more +2; no veto");
    expect(evaluateRule(DEFAULT_RULE, [1, 2])).toMatchObject({ met: true, approvals: 2, strongApprovals: 1 });
    expect(evaluateRule(DEFAULT_RULE, [1, 2, 0, -1]).met).toBe(true);
  });

  it("lets one −2 block agreement", () => {
    const state = evaluateRule(DEFAULT_RULE, [2, 2, 1, -2]);
    expect(state.met).toBe(false);
    expect(state.words).toBe("vetoed by a −2");
    expect(evaluateRule({ ...DEFAULT_RULE, vetoBlocks: false }, [2, 2, -2]).met).toBe(true);
  });

  it("describes itself in words", () => {
    expect(describeRule(DEFAULT_RULE)).toBe(
      "The current revision has at least 2 maintainers at +1 or more, at least 1 at +2, no −2.",
    );
  });
});
