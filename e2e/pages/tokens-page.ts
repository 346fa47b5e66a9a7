import { expect, type Page } from "@playwright/test";

/** Settings → API tokens: create (shown once) and revoke personal access tokens. */
export class TokensPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings/tokens");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("API tokens");
  }

  /** Creates a token and returns it as the page shows it, once. */
  async create(name: string): Promise<string> {
    await this.page.getByRole("textbox", { name: "Name" }).fill(name);
    await this.page.getByRole("button", { name: "Create token" }).click();
    const token = this.page.getByTestId("new-token");
    await expect(token).toHaveValue(/^afk_/);
    return token.inputValue();
  }

  row(name: string) {
    return this.page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string) {
    await this.row(name).getByRole("button", { name: "Revoke" }).click();
    await expect(this.row(name)).toContainText("revoked");
  }
}
