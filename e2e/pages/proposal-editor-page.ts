import { expect, type Page } from "@playwright/test";

export class ProposalEditorPage {
  constructor(private readonly page: Page) {}

  async open(fn: string) {
    await this.page.goto(`/functions/${fn}/edit`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText(fn);
  }

  text() {
    return this.page.getByLabel("Proposal text (Markdown)");
  }

  async replaceInText(from: string, to: string) {
    const current = await this.text().inputValue();
    expect(current).toContain(from);
    await this.text().fill(current.replace(from, to));
  }

  async setAsSafety(value: string) {
    await this.page.getByLabel("AS-safety estimate").selectOption(value);
  }

  async save(summary: string) {
    await this.page.getByLabel("Edit summary").fill(summary);
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
  }
}
