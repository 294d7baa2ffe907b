import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OrdersApiMetric, ReplenishmentMetric, SdkMetric } from '@shop/shared-util-lambda';
import { LambdaApp } from '../config/bundles';
import type { EmittedMetrics } from '../synth-checks/dashboard-metrics';

const workspaceRoot = path.resolve(__dirname, '../../..');

// Each catalog of metric names, by the names code refers to it with, and the services that emit it
// (SdkMetric: the shared retry reporter both functions wire into their DynamoDB clients).
const CATALOGS: Readonly<Record<string, { readonly services: readonly string[]; readonly names: Readonly<Record<string, string>> }>> = {
  OrdersApiMetric: { services: [LambdaApp.OrdersApi], names: OrdersApiMetric },
  ReplenishmentMetric: { services: [LambdaApp.ReplenishmentConsumer], names: ReplenishmentMetric },
  SdkMetric: { services: [LambdaApp.OrdersApi, LambdaApp.ReplenishmentConsumer], names: SdkMetric },
};

/**
 * The shop metrics some production code emits: every `addMetric(<Catalog>.<Key>, …)` in the
 * tracked sources of apps/ and libs/ (tests and test helpers left out), resolved through the
 * catalog it names.
 */
export function emittedShopMetrics(root = workspaceRoot): EmittedMetrics {
  const files = execFileSync('git', ['ls-files', 'apps/*.ts', 'libs/*.ts'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file.includes('/src/') && !/\.spec\.ts$|\/testing\/|\/testing\.ts$/.test(file));
  const emitted = new Map<string, Set<string>>();
  for (const file of files) {
    for (const [, catalog, key] of readFileSync(path.join(root, file), 'utf8').matchAll(/addMetric\(\s*(\w+)\.(\w+)\s*,/g)) {
      const entry = catalog ? CATALOGS[catalog] : undefined;
      const name = entry && key ? entry.names[key] : undefined;
      if (!entry || !name) continue;
      for (const service of entry.services) emitted.set(service, (emitted.get(service) ?? new Set()).add(name));
    }
  }
  return emitted;
}
