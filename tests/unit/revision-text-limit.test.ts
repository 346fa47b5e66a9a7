import { describe, expect, it } from "vitest";
import { REVISION_TEXT_MAX_BYTES, revisionTextSchema } from "@/lib/pages/fields";

describe("a revision's text", () => {
  it("may hold 1 MiB, counted in UTF-8 bytes, with its line ends made LF", () => {
    expect(revisionTextSchema.parse("x".repeat(REVISION_TEXT_MAX_BYTES))).toHaveLength(REVISION_TEXT_MAX_BYTES);
    expect(revisionTextSchema.parse("a\r\nb\rc")).toBe("a\nb\nc");
  });

  it("is refused beyond that with a message that names the limit", () => {
    const tooLong = revisionTextSchema.safeParse("é".repeat(REVISION_TEXT_MAX_BYTES / 2 + 1));
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe(
      "The text is too long: a revision holds at most 1 MiB (1,048,576 bytes of UTF-8).",
    );
  });
});
