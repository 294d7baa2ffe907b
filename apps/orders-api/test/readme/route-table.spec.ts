import { readFileSync } from 'node:fs';
import { ROUTES } from '@shop/orders-api-contract';
import { ORDERS_API_README, renderRouteTable, ROUTES_END, ROUTES_START, withRouteTable } from './route-table';

describe('the route table of the README', () => {
  it('is current (else run: npx nx run orders-api:readme)', () => {
    // Prepare
    const readme = readFileSync(ORDERS_API_README, 'utf8');

    // Assess
    expect(readme).toBe(withRouteTable(readme, renderRouteTable()));
  });

  it('has one row per route, with its scope', () => {
    // Act
    const rows = renderRouteTable().split('\n').slice(2);

    // Assess
    expect(rows).toHaveLength(ROUTES.length);
    ROUTES.forEach((route, index) => {
      expect(rows[index]).toContain(`\`${route.method} ${route.path}\``);
      expect(rows[index]).toContain(`\`${route.scope}\``);
    });
  });

  it('replaces only what is between the markers, and refuses a README without them', () => {
    // Prepare
    const readme = `intro\n${ROUTES_START}\nstale\n${ROUTES_END}\noutro\n`;

    // Act
    const written = withRouteTable(readme, 'fresh');

    // Assess
    expect(written).toBe(`intro\n${ROUTES_START}\nfresh\n${ROUTES_END}\noutro\n`);
    expect(() => withRouteTable('no markers', 'fresh')).toThrow(/markers/);
  });
});
