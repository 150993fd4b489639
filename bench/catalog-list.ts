/**
 * Times catalog list requests (search, filters, facets, pages) against the database in
 * DATABASE_URL, in-process, through the same function the API calls. Measures and prints; it
 * does not pass or fail. Fill a large catalog first: `npm run db:seed -- --products 100000`.
 *
 *   DATABASE_URL=file:./data/bench.db npx tsx bench/catalog-list.ts
 */
import { count } from "drizzle-orm";

import { closeDatabase, getClient, getDb } from "@/db";
import { products } from "@/db/schema";
import { listProducts, ListProductsQuerySchema } from "@/lib/catalog";

const CASES: Record<string, string | string[]>[] = [
  {},
  { limit: "100" },
  { sort: "price_asc" },
  { sort: "price_desc", limit: "100" },
  { q: "linen" },
  { q: "linen tote" },
  { q: "rustic", sort: "price_asc" },
  { "option.Color": "Red" },
  { "option.Color": ["Red", "Blue"], "option.Size": "M" },
  { minPrice: "1000", maxPrice: "2000" },
  { q: "wool", "option.Color": "Red", minPrice: "1000" },
];
const RUNS = 7;

const [row] = await getDb().select({ n: count() }).from(products);
console.log(`${row?.n ?? 0} products in ${process.env.DATABASE_URL ?? "file:./data/store.db"}\n`);
console.log(
  `${"query".padEnd(58)} ${"p50 ms".padStart(8)} ${"max ms".padStart(8)} ${"page 2".padStart(8)} ${"stmts".padStart(6)}`,
);

const client = getClient();
const execute = client.execute.bind(client);
let statements = 0;
client.execute = ((stmt: Parameters<typeof execute>[0]) => {
  statements++;
  return execute(stmt);
}) as typeof client.execute;

for (const params of CASES) {
  const query = ListProductsQuerySchema.parse(params);
  await listProducts(query);
  const times: number[] = [];
  let first: Awaited<ReturnType<typeof listProducts>> | undefined;
  let perRequest = 0;
  for (let i = 0; i < RUNS; i++) {
    statements = 0;
    const t = performance.now();
    first = await listProducts(query);
    times.push(performance.now() - t);
    perRequest = statements;
  }
  times.sort((a, b) => a - b);
  let page2 = NaN;
  if (first?.nextCursor) {
    const t = performance.now();
    await listProducts({ ...query, cursor: first.nextCursor });
    page2 = performance.now() - t;
  }
  console.log(
    `${JSON.stringify(params).slice(0, 58).padEnd(58)} ${times[RUNS >> 1]!.toFixed(1).padStart(8)} ${times.at(-1)!.toFixed(1).padStart(8)} ${page2.toFixed(1).padStart(8)} ${String(perRequest).padStart(6)}`,
  );
}
closeDatabase();
