import { expect, type Page } from "@playwright/test";

export class ReviewPage {
  constructor(private readonly page: Page) {}

  async open(fn: string) {
    await this.page.goto(`/functions/${fn}/review`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(`Review of ${fn}`);
  }

  ruleState() {
    return this.page.getByTestId("rule-state");
  }

  async vote(value: "+2" | "+1" | "0" | "−1" | "−2", comment = "") {
    await this.page.getByRole("radio", { name: new RegExp(`^${value.replace("+", "\\+")} `) }).check();
    await this.page.getByLabel("Comment (optional)").fill(comment);
    await this.page.getByRole("button", { name: "Cast vote" }).click();
    await expect(this.page.getByRole("form", { name: "Vote" }).getByRole("status")).toContainText("is recorded");
  }

  recordButton() {
    return this.page.getByRole("button", { name: "Record agreement" });
  }
}
