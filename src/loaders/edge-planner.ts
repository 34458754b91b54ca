/**
 * The call planner for edges asked on many parents (DESIGN 6). `User.roles` on 100 users is 100
 * calls when each user's roles are fetched (the direct plan); the API also allows the inverse
 * plan: list the roles once, then each role's users, and answer every user from those
 * memberships: 1 + 12 calls on a tenant with 12 roles, whatever the number of users.
 *
 * The rules come from the metadata (runtime.ts `inversePlans`): an edge `A.bs` listing entities B
 * has an inverse when B can be listed and B has an edge listing rows that are A (or a view of A,
 * such as role users). Per batch of parents the planner decides on sizes it learns cheaply:
 * - fewer than 3 parents: direct, nothing spent;
 * - list B once (the probe; 1 call, with its total): more than one page of B, or `1 + 2·R` calls
 *   not under the direct plan's N: direct;
 * - each B's first page of members, with its total: when the pages still to come would make the
 *   inverse dearer than N, direct.
 * So the inverse is taken only when it is cheaper than the direct plan, and a batch that turns
 * back costs at most `1 + R < N/2` calls over it (the query cost counts two calls per parent).
 * Memberships are complete when used: a parent in no B has none. A parent with more than `first`
 * memberships is left to the direct plan, so its cursors stay those of its own endpoint.
 */
import DataLoader from 'dataloader';
import type { OperationMetadata } from '../schema/metadata.js';
import type { Fetch, WireObject } from './entity-loader.js';
import type { InFlightLists } from './in-flight-lists.js';
import { pageBody } from './page-body.js';

export interface InversePlan {
  /** The edge planned: `User.roles`. */
  coordinate: string;
  /** The edge's own operation (GET /users/{id}/roles). */
  direct: OperationMetadata;
  /** Lists every B (GET /roles). */
  list: OperationMetadata;
  /** Lists the rows of one B that stand for parents (GET /roles/{id}/users). */
  inverse: OperationMetadata;
  /** The entity B (`Role`), and its wire key in the list's rows (`id`). */
  otherType: string;
  otherKey: string;
  /** Wire key of the parent in the inverse's rows (`user_id`). */
  parentKey: string;
}

export interface PlanReport {
  edge: string;
  parents: number;
  plan: 'direct' | 'inverse';
  /** The direct plan's calls, and the inverse's as known when chosen. */
  direct: number;
  inverse?: number;
}

interface Page {
  rows: WireObject[];
  /** Items in the whole collection, when the API says. */
  total?: number;
  /** Whether more pages follow (checkpoint `next`). */
  more: boolean;
}

/** Fewer parents than this are always fetched directly: no probe is worth it. */
const MIN_PARENTS = 3;

export class EdgePlanner {
  private readonly loaders = new Map<string, DataLoader<string, WireObject[] | undefined>>();

  constructor(private readonly fetch: Fetch, private readonly lists: InFlightLists, private readonly report: (report: PlanReport) => void) {}

  /**
   * The B rows of one parent by the inverse plan, or undefined: fetch them directly. Parents
   * asked for with the same plan and `first` while the request's lists arrive form one batch.
   */
  load(plan: InversePlan, parentId: string, first: number): Promise<WireObject[] | undefined> {
    const key = `${plan.coordinate}|${first}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      // A plan that fails (the other side refused, a page that errs) falls back to the direct
      // calls, which report their own errors.
      loader = new DataLoader((ids) => this.planBatch(plan, ids, first).catch(() => ids.map(() => undefined)), {
        batchScheduleFn: (dispatch) => void this.lists.settled().then(() => setImmediate(dispatch)),
      });
      this.loaders.set(key, loader);
    }
    return loader.load(parentId);
  }

  private async planBatch(plan: InversePlan, ids: readonly string[], first: number): Promise<Array<WireObject[] | undefined>> {
    const direct = ids.length;
    const giveUp = () => ids.map(() => undefined);
    if (direct < MIN_PARENTS) return giveUp();
    const report = (chosen: 'direct' | 'inverse', inverse?: number) =>
      this.report({ edge: plan.coordinate, parents: direct, plan: chosen, direct, ...(inverse !== undefined ? { inverse } : {}) });

    const others = await this.firstPage(plan.list, {});
    if (others.more || (others.total !== undefined && others.total > others.rows.length) || 1 + 2 * others.rows.length > direct) {
      report('direct');
      return giveUp();
    }
    const keys = others.rows.map((row) => String(row[plan.otherKey]));
    const firstPages = await Promise.all(keys.map((key) => this.firstPage(plan.inverse, this.pathFor(plan.inverse, key))));
    const perPage = this.pageSize(plan.inverse);
    let remaining = 0;
    for (const page of firstPages) {
      if (page.total === undefined) remaining += page.more ? Number.POSITIVE_INFINITY : 0;
      else remaining += Math.max(0, Math.ceil(page.total / perPage) - 1);
    }
    const inverse = 1 + keys.length + remaining;
    if (inverse > direct) {
      report('direct', inverse);
      return giveUp();
    }
    const members = await Promise.all(firstPages.map(async (page, index) => {
      const rows = [...page.rows];
      const total = page.total ?? rows.length;
      for (let p = 1; p * perPage < total; p++) rows.push(...(await this.offsetPage(plan.inverse, this.pathFor(plan.inverse, keys[index]!), p)).rows);
      return rows;
    }));
    report('inverse', inverse);
    const byParent = new Map<string, WireObject[]>();
    members.forEach((rows, index) => {
      for (const row of rows) {
        const parent = String(row[plan.parentKey]);
        byParent.set(parent, [...(byParent.get(parent) ?? []), others.rows[index]!]);
      }
    });
    return ids.map((id) => {
      const rows = byParent.get(id) ?? [];
      return rows.length <= first ? rows : undefined;
    });
  }

  private pathFor(operation: OperationMetadata, key: string): Record<string, string> {
    const param = Object.values(operation.args).find((a) => a.in === 'path')!.wire;
    return { [param]: key };
  }

  private pageSize(operation: OperationMetadata): number {
    return operation.connection?.offset?.maxPerPage ?? operation.connection?.checkpoint?.maxTake ?? 50;
  }

  /** The first page, as large as the API allows, with its total where the API can count. */
  private async firstPage(operation: OperationMetadata, path: Record<string, string>): Promise<Page> {
    const offset = operation.connection?.offset;
    if (offset) return this.offsetPage(operation, path, 0);
    const checkpoint = operation.connection!.checkpoint!;
    const body = await this.fetch(operation, { path, query: { [checkpoint.takeParam]: checkpoint.maxTake } });
    const rows = pageBody(body, operation).items;
    const next = checkpoint.next.kind === 'field' ? (body as Record<string, unknown> | null)?.[checkpoint.next.key] : rows.length === checkpoint.maxTake;
    return { rows, more: typeof next === 'string' ? next !== '' : Boolean(next) };
  }

  private async offsetPage(operation: OperationMetadata, path: Record<string, string>, page: number): Promise<Page> {
    const offset = operation.connection!.offset!;
    const totals = offset.totals === 'include_totals';
    const body = await this.fetch(operation, {
      path,
      query: { [offset.pageParam]: page, [offset.perPageParam]: offset.maxPerPage, ...(totals ? { include_totals: true } : {}) },
    });
    const { items: rows, total } = pageBody(body, operation);
    return { rows, ...(total !== undefined ? { total } : {}), more: total === undefined && rows.length === offset.maxPerPage };
  }
}
