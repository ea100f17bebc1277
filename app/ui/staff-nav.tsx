import { Form, NavLink } from "@remix-run/react";
import { hasRole, ROLE_LABELS, type Role } from "~/auth/roles";

/** The staff workspace's navigation, showing only what the signed-in role can use. */
export function StaffNav({ email, role, csrf }: { email: string; role: Role; csrf: string }) {
  const links: { to: string; label: string; role: Role }[] = [
    { to: "/staff", label: "Consultations", role: "analyst" },
    { to: "/staff/evidence", label: "Evidence", role: "analyst" },
    { to: "/staff/districts", label: "Postcode areas", role: "editor" },
    { to: "/staff/population", label: "Population figures", role: "editor" },
    { to: "/staff/accounts", label: "Staff accounts", role: "admin" },
    { to: "/staff/audit", label: "Audit trail", role: "admin" },
    { to: "/staff/password", label: "Change password", role: "analyst" },
    { to: "/staff/security", label: "Account security", role: "analyst" },
  ];
  return (
    <div className="app-staff-nav govuk-!-margin-bottom-6">
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        Signed in as <strong>{email}</strong> ({ROLE_LABELS[role]})
      </p>
      <nav aria-label="Staff workspace">
        <ul className="govuk-list app-staff-nav__list">
          {links
            .filter((l) => hasRole(role, l.role))
            .map((l) => (
              <li key={l.to}>
                <NavLink className="govuk-link" to={l.to} end={l.to === "/staff"}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          <li>
            <Form method="post" action="/staff/logout">
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" className="app-link-button">
                Sign out
              </button>
            </Form>
          </li>
        </ul>
      </nav>
    </div>
  );
}
