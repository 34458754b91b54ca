/**
 * The list fetches of one request still on their way. Entity lookups wait for them before they
 * are sent (DESIGN 6): a list may carry the entities asked for (50 users listed, then asked for by
 * id), and the lookups that lists lead to (every organization's members' users) then go out as one
 * batch for the whole request instead of one batch per list.
 */
export class InFlightLists {
  private readonly pending = new Set<Promise<unknown>>();

  /** Registers a list fetch; its failure is its own caller's to report. */
  add(list: Promise<unknown>): void {
    const settled = list.then(() => undefined, () => undefined);
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  /** Resolves once no list of the request is on its way (lists that start meanwhile included). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
