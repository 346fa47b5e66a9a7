import { z } from "zod";
import { db, type DbClient } from "@/lib/db";
import { audit } from "@/lib/audit/log";

export const RULE_SETTING = "review.agreementRule";

/** The agreement rule: how many maintainers must approve the current revision, and whether −2 vetoes. */
export const agreementRuleSchema = z.object({
  minApprovals: z.coerce.number().int().min(1, "At least one approval.").max(20),
  minStrongApprovals: z.coerce.number().int().min(0).max(20),
  vetoBlocks: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});
export type AgreementRule = z.infer<typeof agreementRuleSchema>;

export const DEFAULT_RULE: AgreementRule = { minApprovals: 2, minStrongApprovals: 1, vetoBlocks: true };

export async function loadRule(client: DbClient = db): Promise<AgreementRule> {
  const row = await client.setting.findUnique({ where: { key: RULE_SETTING } });
  const parsed = agreementRuleSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_RULE;
}

export async function saveRule(actorId: number, rule: AgreementRule, client: DbClient = db): Promise<void> {
  const before = await loadRule(client);
  await client.setting.upsert({
    where: { key: RULE_SETTING },
    create: { key: RULE_SETTING, value: rule, updatedById: actorId },
    update: { value: rule, updatedById: actorId, updatedAt: new Date() },
  });
  await audit(client, {
    actorId,
    action: "rule.change",
    targetType: "setting",
    targetId: RULE_SETTING,
    details: { from: before, to: rule },
  });
}

export interface RuleState {
  met: boolean;
  approvals: number;
  strongApprovals: number;
  vetoes: number;
  /** The rule's state in words: "needs one more +2; no veto". */
  words: string;
}

const count = (n: number, one: string, many: string) => (n === 1 ? `one more ${one}` : `${n} more ${many}`);

/** Evaluates the rule over the votes on one revision (values −2..+2, one per maintainer). */
export function evaluateRule(rule: AgreementRule, values: number[]): RuleState {
  const approvals = values.filter((v) => v >= 1).length;
  const strongApprovals = values.filter((v) => v === 2).length;
  const vetoes = values.filter((v) => v === -2).length;
  const missing: string[] = [];
  if (approvals < rule.minApprovals)
    missing.push(
      `needs ${count(rule.minApprovals - approvals, "maintainer at +1 or more", "maintainers at +1 or more")}`,
    );
  if (strongApprovals < rule.minStrongApprovals)
    missing.push(`needs ${count(rule.minStrongApprovals - strongApprovals, "+2", "+2s")}`);
  const vetoed = rule.vetoBlocks && vetoes > 0;
  const vetoWords = vetoed ? `vetoed by ${vetoes === 1 ? "a −2" : `${vetoes} −2 votes`}` : "no veto";
  const met = missing.length === 0 && !vetoed;
  return {
    met,
    approvals,
    strongApprovals,
    vetoes,
    words: met ? `rule met: ready to record agreement; ${vetoWords}` : [...missing, vetoWords].join("; "),
  };
}

export function describeRule(rule: AgreementRule): string {
  const parts = [`at least ${rule.minApprovals} maintainer${rule.minApprovals === 1 ? "" : "s"} at +1 or more`];
  if (rule.minStrongApprovals) parts.push(`at least ${rule.minStrongApprovals} at +2`);
  if (rule.vetoBlocks) parts.push("no −2");
  return `The current revision has ${parts.join(", ")}.`;
}
