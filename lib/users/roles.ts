export const ROLES = ["reader", "representative", "maintainer", "admin"] as const;
export type RoleName = (typeof ROLES)[number];
