export * from './lib/table-design';
