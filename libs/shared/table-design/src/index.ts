export { AttributeType, keyAttributes, OrdersTable, physicalTableName, ProductsTable, REPLENISHMENT_STREAM_FILTERS, ReplenishmentTable, StreamViewType, TABLES } from './lib/table-design';
export type { TableDesign } from './lib/table-design';
