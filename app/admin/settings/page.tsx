import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { requireActor } from "@/lib/server/gate/page";
import { saveRuleAction } from "@/lib/review/actions";
import { describeRule, loadRule } from "@/lib/review/rule";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireActor({ action: "settings.manage" });
  const rule = await loadRule();
  return (
    <>
      <h1>Settings</h1>
      <section className="panel" aria-labelledby="rule-heading">
        <h2 id="rule-heading">Agreement rule</h2>
        <p data-testid="rule-description">{describeRule(rule)}</p>
        <p className="small muted">
          While the rule holds, a maintainer can record agreement on the current revision. Changes are audited.
        </p>
        <ActionForm action={saveRuleAction} label="Agreement rule" className="stack">
          <div className="field">
            <label htmlFor="minApprovals">Maintainers at +1 or more</label>
            <input
              id="minApprovals"
              name="minApprovals"
              type="number"
              min={1}
              max={20}
              defaultValue={rule.minApprovals}
            />
          </div>
          <div className="field">
            <label htmlFor="minStrongApprovals">Of them, at +2</label>
            <input
              id="minStrongApprovals"
              name="minStrongApprovals"
              type="number"
              min={0}
              max={20}
              defaultValue={rule.minStrongApprovals}
            />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="vetoBlocks" defaultChecked={rule.vetoBlocks} /> A −2 blocks agreement (veto)
            </label>
          </div>
          <div>
            <button type="submit" className="button">
              Save the rule
            </button>
          </div>
        </ActionForm>
      </section>
    </>
  );
}
