import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { ProductRepository, ReplenishmentRepository } from '@shop/inventory-domain';
import type { OperationId, OperationInput, OperationOutput } from '@shop/orders-api-contract';
import type { OrderRepository } from '@shop/orders-domain';
import type { Caller } from './http/caller';

/** The ports the operations use, wired by the composition root. */
export interface ApiServices {
  readonly products: ProductRepository;
  readonly orders: OrderRepository;
  readonly replenishments: ReplenishmentRepository;
  readonly metrics: Metrics;
  readonly now: () => Date;
}

/** What an operation answers on success; errors are thrown and mapped in one place. */
export interface OperationResult<Id extends OperationId> {
  /** Defaults to the contract's success status. */
  readonly status?: number;
  readonly body: OperationOutput<Id>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Serves one route: validated input and the authorized caller in, typed success body out. */
export type OperationHandler<Id extends OperationId> = (input: OperationInput<Id>, services: ApiServices, caller: Caller) => Promise<OperationResult<Id>>;

/** The metrics this service emits (CloudWatch EMF, namespace Shop), from the shop's one catalog (infra's dashboard reads it too). */
