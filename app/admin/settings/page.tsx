import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { requireActor } from "@/lib/server/gate/page";
import { saveRuleAction } from "@/lib/review/actions";
import { describeRule, loadRule } from "@/lib/review/rule";

export const metadata: Metadata = { title: "Settings" };

/** One of the rule's vote counts; no rule asks for more than 20 maintainers. */
function CountField({ name, label, min, value }: { name: string; label: string; min: number; value: number }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} type="number" min={min} max={20} defaultValue={value} />
    </div>
  );
}

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
          <CountField name="minApprovals" label="Maintainers at +1 or more" min={1} value={rule.minApprovals} />
          <CountField name="minStrongApprovals" label="Of them, at +2" min={0} value={rule.minStrongApprovals} />
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
