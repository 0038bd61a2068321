import Database from 'better-sqlite3';
const db = new Database(process.argv[2]!);
const q1 = db.prepare(`SELECT project_id, coalesce(sum(CASE WHEN period < '2017-01' THEN month_fen END), 0), coalesce(sum(CASE WHEN period >= '2017-01' AND period <= '2017-09' THEN month_fen END), 0), coalesce(sum(CASE WHEN period = '2017-09' THEN month_fen END), 0) FROM progress WHERE period <= '2017-09' GROUP BY project_id`);
const q2 = db.prepare(`SELECT p.category, sum(r.month_fen) AS fen FROM progress r JOIN project p ON p.id = r.project_id WHERE r.period BETWEEN '2017-01' AND '2017-09' AND p.deleted_at IS NULL GROUP BY p.category`);
const q3 = db.prepare(`SELECT max(computed_at) FROM warning WHERE period = '2017-09'`);
const med = (f: () => unknown) => { const t: number[] = []; for (let i = 0; i < 5; i++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); } return t.sort((a, b) => a - b)[2]!.toFixed(0); };
console.log(JSON.stringify({ progressSums: med(() => q1.all()), floorSql: med(() => q2.all()), lastComputation: med(() => q3.get()) }));
for (const q of [q1, q2]) console.log(db.prepare('EXPLAIN QUERY PLAN ' + q.source).all().map((r) => (r as { detail: string }).detail).join(' / '));
