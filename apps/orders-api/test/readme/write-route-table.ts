/** Writes the route table of apps/orders-api/README.md from the contract. Run by `npx nx run orders-api:readme`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { ORDERS_API_README, renderRouteTable, withRouteTable } from './route-table';

writeFileSync(ORDERS_API_README, withRouteTable(readFileSync(ORDERS_API_README, 'utf8'), renderRouteTable()));
console.log(`Wrote the route table in ${ORDERS_API_README}`);
