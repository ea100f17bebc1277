/**
 * Staff roles. A staff member has one role; each includes the ones below it:
 * analyst (results and exports) < editor (consultations, paper responses, publishing) < admin
 * (staff accounts and the audit trail).
 */
export const ROLES = ["analyst", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { analyst: "Analyst", editor: "Editor", admin: "Administrator" };

export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
