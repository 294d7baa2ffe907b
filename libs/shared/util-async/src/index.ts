export { mapConcurrently } from './lib/map-concurrently';
