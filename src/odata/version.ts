/** Epicor REST API version: v1 speaks OData v3 style, v2 speaks OData v4. */
export type ApiVersion = 'v1' | 'v2';
