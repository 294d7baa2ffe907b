export { mapConcurrently } from './lib/map-concurrently';
export { Slots } from './lib/slots';
