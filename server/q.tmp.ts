import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { workerQuery, workerSourceSql } from './src/modules/labor/workers/worker-view';
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/gb_bench_f9a8ca31da' }) }) });
const ly = (await sql<{ id: string }>`select id from organisations where name = '临沂市人力资源和社会保障局'`.execute(db)).rows[0].id;
const scopes: Record<string, any> = { ck: { all: false, orgIds: [], regionPrefixes: ['500229'] }, ly: { all: false, orgIds: [], regionPrefixes: ['3713'] } };
const inline = (c: { sql: string; parameters: readonly unknown[] }) => c.sql.replace(/\$(\d+)/g, (_, i) => `'${String(c.parameters[Number(i) - 1]).replace(/'/g, "''")}'`);
for (const who of process.argv.slice(2)) {
  const scope = scopes[who];
  const q = workerQuery(db as any, scope).where(workerSourceSql(scope));
  const count = q.clearSelect().select((eb: any) => eb.fn.countAll().as('n')).compile();
  const page = q.orderBy('w.created_at', 'desc').orderBy('w.id').limit(20).offset(0).compile();
  for (const [name, c] of [['count', count], ['page', page]] as const) {
    const r = await sql.raw(`explain (analyze) ${inline(c)}`).execute(db);
    const lines = (r.rows as any[]).map((x) => x['QUERY PLAN']);
    console.log(`${who} ${name}: ${lines.filter((l) => /Execution Time|Planning Time/.test(l)).join(' ')}`);
    if (process.env.PLAN) console.log(lines.join('\n'));
  }
}
await db.destroy();
