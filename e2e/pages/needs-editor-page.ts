import { expect, type Page } from "@playwright/test";

export class NeedsEditorPage {
  constructor(private readonly page: Page) {}

  async open(slug: string) {
    await this.page.goto(`/projects/${slug}/edit`);
    await expect(this.page.getByRole("heading", { level: 1 })).toContainText("needs list");
  }

  functionInputs() {
    return this.page.getByRole("combobox", { name: /^Function, row/ });
  }

  async removeRowsFor(names: string[]) {
    for (const name of names) {
      const count = await this.functionInputs().count();
      for (let i = 0; i < count; i++) {
        if ((await this.functionInputs().nth(i).inputValue()) === name) {
          await this.page.getByRole("button", { name: `Remove row ${i + 1}`, exact: true }).click();
          break;
        }
      }
    }
  }

  async save(summary: string) {
    await this.page.getByLabel("Edit summary").fill(summary);
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
  }
}
