import type { PageKind } from "@/lib/generated/prisma/client";
import type { AfterSave } from "@/lib/pages/kinds/types";

/**
 * An after-save step that lives in another domain and registers itself when
 * its module loads (lib/pages cannot import the domains that import it). A
 * save with nothing registered throws instead of skipping the step, so an
 * entry point that forgot to load the module fails loudly.
 */
export function registeredAfterSave<F>(kind: PageKind) {
  let hook: AfterSave<F> | null = null;
  return {
    register(next: AfterSave<F>): void {
      hook = next;
    },
    run: (async (tx, page, fields) => {
      if (!hook) {
        throw new Error(
          `Nothing is registered to run after saving a ${kind} page: the entry point must import ` +
            "lib/server/page-hooks.ts, which loads the module that registers it.",
        );
      }
      await hook(tx, page, fields);
    }) satisfies AfterSave<F>,
  };
}
