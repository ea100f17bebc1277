import { sql } from "kysely";
import { db } from "~/server/db.server";

// For load balancers: 200 only when the database answers.
export async function loader() {
  try {
    await sql`select 1`.execute(db());
    return new Response("OK", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("Database unavailable", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
