import { regionPrefix } from '@gearbridge/contracts/regions';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { forbidden, pm } from './errors';

/** One role grant as the server enforces it: what it allows, and where. */
export interface Grant {
  roleCode: string;
  permissions: ReadonlySet<string>;
  /** Region subtree (its GB/T 2260 code, e.g. 500229) for government users; null: the user's own organisation. */
  regionCode: string | null;
}

/** Who is acting, resolved once per request from the session and carried to services and the audit log. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgKind: string;
  platformAdmin: boolean;
  grants: Grant[];
  requestId: string;
  ip: string | null;
}

/** Where a permission reaches: everything, or a set of organisations plus region subtrees (as code prefixes). */
export interface Scope {
  all: boolean;
  orgIds: string[];
  regionPrefixes: string[];
}

export function can(actor: Actor, permission: string): boolean {
  return actor.platformAdmin || actor.grants.some((g) => g.permissions.has(permission));
}

/** The reach of a permission for this actor; throws forbidden when the actor has it nowhere. */
export function scopeOf(actor: Actor, permission: string): Scope {
  if (actor.platformAdmin) return { all: true, orgIds: [], regionPrefixes: [] };
  const orgIds = new Set<string>();
  const regionPrefixes = new Set<string>();
  for (const g of actor.grants) {
    if (!g.permissions.has(permission)) continue;
    if (g.regionCode) regionPrefixes.add(regionPrefix(g.regionCode));
    else orgIds.add(actor.orgId);
  }
  if (!orgIds.size && !regionPrefixes.size) throw forbidden(pm('platform.authz.missing_permission', { permission }));
  return { all: false, orgIds: [...orgIds], regionPrefixes: [...regionPrefixes] };
}

export function inScope(scope: Scope, org: { id: string; regionCode: string }): boolean {
  return scope.all || scope.orgIds.includes(org.id) || scope.regionPrefixes.some((p) => org.regionCode.startsWith(p));
}

export function requireInScope(actor: Actor, permission: string, org: { id: string; regionCode: string }): void {
  if (!inScope(scopeOf(actor, permission), org)) throw forbidden(pm('platform.authz.out_of_scope'));
}

export function requirePermission(actor: Actor, permission: string): void {
  if (!can(actor, permission)) throw forbidden(pm('platform.authz.missing_permission', { permission }));
}

/**
 * SQL condition restricting organisations (the `organisations` table under alias `alias`) to a scope; use with
 * .where(...). Every module lists records by their owning organisation this way.
 */
export function orgInScopeSql(scope: Scope, alias = 'o'): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  const parts: RawBuilder<unknown>[] = [];
  if (scope.orgIds.length) parts.push(sql`${sql.ref(`${alias}.id`)} in (${sql.join(scope.orgIds)})`);
  for (const p of scope.regionPrefixes) parts.push(sql`${sql.ref(`${alias}.region_code`)} like ${`${p}%`}`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
