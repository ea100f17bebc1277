import { json } from "@remix-run/node";
import { db } from "../server/db.server";
import { getConsultationForStaff, type ConsultationForStaff } from "../models/consultation.server";
import type { StaffSession } from "../models/staff-session.server";

/** Shared by the staff consultation routes: each still checks the role itself first. */

export async function requireStaffConsultation(id: string | undefined): Promise<ConsultationForStaff> {
  const consultation = id ? await getConsultationForStaff(db(), { id }) : null;
  if (!consultation) throw json("There is no consultation at this address. Go back to the list of consultations.", { status: 404 });
  return consultation;
}

/** What every staff page needs for its navigation. */
export function navData(session: StaffSession) {
  return { staff: session.staff, csrf: session.csrfToken };
}
