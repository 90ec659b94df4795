export { insertOrder, insertOrderLines } from './orders';
export * from './orders';
