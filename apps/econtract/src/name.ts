// The service's name, on every page.
export const ECONTRACT_NAME = 'eContract — hợp đồng lao động điện tử'
