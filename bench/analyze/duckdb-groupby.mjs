// The reference for `kamino analyze`: DuckDB reads the same CSV with read_csv and sums revenue per customer
// in integer cents, ordered like kamino's ranking. Prints "customers,total_cents" for the benchmark to check.
// Run from a folder where `npm install @duckdb/node-api` was done (bench/run.sh analyze does it).
import { DuckDBInstance } from '@duckdb/node-api';

const csv = process.argv[2];
if (!csv) {
  console.error('usage: node duckdb-groupby.mjs FILE.csv');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
  `SELECT customer_id, SUM(CAST(ROUND(line_total * 100) AS BIGINT)) AS cents
   FROM read_csv(${quote(csv)})
   GROUP BY customer_id
   ORDER BY cents DESC, customer_id`);
let total = 0n;
let customers = 0;
for (const [, cents] of reader.getRows()) {
  total += BigInt(cents);
  customers++;
}
console.log(`${customers},${total}`);

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}
