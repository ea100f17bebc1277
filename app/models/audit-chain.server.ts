import { createHash } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { AuditLogTable, Database } from "../../db/schema";

/**
 * The audit trail as a hash chain: each entry stores the hash of the one before it and its own
 * hash over its canonical fields, so changing, deleting or re-ordering an entry breaks every
 * hash after it, and `npm run audit:verify` names the first entry that no longer fits.
 *
 * What it does not do on its own: someone who can write to the database could rewrite the whole
 * chain from the altered entry onwards. So verify prints the head (sequence number and hash);
 * recording that somewhere the database's administrators cannot write (a ticket, an email to
 * the information governance lead) and passing it back with --anchor proves that nothing up to
 * that point has been rewritten since (docs/operations.md, "Audit trail").
 */

export const GENESIS_HASH = "0".repeat(64);

/** What the hash covers: the stored entry's own columns, typed from the table so the two cannot drift. */
export type ChainFields = Pick<Selectable<AuditLogTable>, "seq" | "id" | "at" | "staff_id" | "staff_email" | "action" | "consultation_id" | "detail">;

/**
 * Chain version 1: SHA-256 over a JSON array of the version, the previous hash and the fields
 * in a fixed order (JSON.stringify of an array is canonical: no key order, one spelling of each
 * string and null). The migration that introduced the chain computes exactly this.
 */
export function auditEntryHash(prevHash: string, e: ChainFields): string {
  return createHash("sha256")
    .update(JSON.stringify([1, prevHash, e.seq, e.id, e.at, e.staff_id, e.staff_email, e.action, e.consultation_id, e.detail]))
    .digest("hex");
}

/**
 * Appends one entry: in one transaction, the chain head is advanced first (an UPDATE, which
 * takes the row lock on PostgreSQL and the write lock on SQLite before anything is read), so
 * concurrent writers, on any number of instances, queue one behind the other and the chain
 * never forks.
 */
export async function appendToChain(db: Kysely<Database>, entry: Omit<ChainFields, "seq">): Promise<{ seq: number; hash: string }> {
  const run = async (trx: Kysely<Database>) => {
    const head = await trx
      .updateTable("audit_chain")
      .set((eb) => ({ seq: eb("seq", "+", 1) }))
      .where("id", "=", 1)
      .returning(["seq", "hash"])
      .executeTakeFirstOrThrow();
    const seq = Number(head.seq);
    const hash = auditEntryHash(head.hash, { ...entry, seq });
    await trx.insertInto("audit_log").values({ ...entry, seq, prev_hash: head.hash, hash }).execute();
    await trx.updateTable("audit_chain").set({ hash }).where("id", "=", 1).execute();
    return { seq, hash };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export type ChainReport =
  | { ok: true; entries: number; head: { seq: number; hash: string } }
  | { ok: false; entries: number; firstBroken: { seq: number | null; id: string; at: string; problem: string } };

/**
 * Reads the whole chain in order and checks every link and every hash, and that the head
 * matches the last entry (so entries cut off the end are noticed too). With an anchor, also
 * that the entry at anchor.seq still has the recorded hash.
 */
export async function verifyAuditChain(db: Kysely<Database>, { anchor, batch = 5_000 }: { anchor?: { seq: number; hash: string }; batch?: number } = {}): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let anchorSeen = false;
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["seq", "id", "at", "staff_id", "staff_email", "action", "consultation_id", "detail", "prev_hash", "hash"])
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const r of rows) {
      const seq = Number(r.seq);
      const broken = (problem: string): ChainReport => ({ ok: false, entries, firstBroken: { seq, id: r.id, at: r.at, problem } });
      if (seq !== expectedSeq) return broken(seq > expectedSeq ? `entries ${expectedSeq} to ${seq - 1} are missing` : "sequence number out of order");
      if (r.prev_hash !== prev) return broken("its previous-entry hash does not match the entry before it (an entry before it was changed or removed)");
      if (auditEntryHash(prev, { ...r, seq }) !== r.hash) return broken("its contents do not match its hash (the entry was changed)");
      if (anchor && seq === anchor.seq) {
        if (r.hash !== anchor.hash) return broken("its hash differs from the recorded anchor (the chain was rewritten up to here)");
        anchorSeen = true;
      }
      prev = r.hash;
      expectedSeq += 1;
      entries += 1;
    }
    if (rows.length < batch) break;
    after = Number(rows[rows.length - 1].seq);
  }
  const unchained = await db.selectFrom("audit_log").select(["id", "at"]).where("seq", "is", null).executeTakeFirst();
  if (unchained) return { ok: false, entries, firstBroken: { seq: null, id: unchained.id, at: unchained.at, problem: "it has no place in the chain (added outside the app)" } };
  const head = await db.selectFrom("audit_chain").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  if (!head || Number(head.seq) !== entries || head.hash !== prev) {
    return { ok: false, entries, firstBroken: { seq: entries + 1, id: "(after the last entry)", at: "", problem: `the chain head says ${head?.seq ?? "nothing"} entries: entries after ${entries} were removed` } };
  }
  if (anchor && !anchorSeen) return { ok: false, entries, firstBroken: { seq: anchor.seq, id: "(anchor)", at: "", problem: "the anchored entry is no longer in the chain" } };
  return { ok: true, entries, head: { seq: Number(head.seq), hash: head.hash } };
}
