export { serviceEdmx } from './service-edmx.ts';
export { baqEdmx, baqNamespace } from './baq-edmx.ts';
export type { ApiVersion } from './edmx-version.ts';
