import { expect, type Page } from "@playwright/test";

export class ExportPage {
  constructor(private readonly page: Page) {}

  async open(search = "") {
    await this.page.goto(`/export${search}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Export for libc-help");
  }

  preview() {
    return this.page.getByTestId("export-preview");
  }

  /** The preview's text between a "## " heading and the next one. */
  async section(heading: string): Promise<string> {
    const text = (await this.preview().textContent()) ?? "";
    const start = text.indexOf(`\n## ${heading}`);
    expect(start, `section ${heading}`).toBeGreaterThan(-1);
    const end = text.indexOf("\n## ", start + 1);
    return text.slice(start, end === -1 ? undefined : end);
  }
}
