/**
 * The typed signatures of the custom methods the simulator implements (src/simulator/server/methods.ts),
 * which its `$metadata` advertises: names and parameters follow Epicor's (camelCase), `readOnly` says
 * whether the method stores nothing. Assumed, not seen: whether Epicor's own `$metadata` lists its
 * methods this way (docs/procedures.md).
 */

/** One parameter: an EDM primitive type, or `tableset` for a dataset such as `ds`. */
export interface SimMethodParameter {
  readonly name: string;
  readonly type: 'Edm.String' | 'Edm.Int32' | 'Edm.Boolean' | 'tableset';
  readonly required: boolean;
}

export interface SimMethodSignature {
  readonly name: string;
  readonly parameters: readonly SimMethodParameter[];
  /** Read-only methods are Functions (v4) / side-effect free FunctionImports (v3); the others Actions. */
  readonly readOnly: boolean;
  /** `tableset` when the method answers a dataset in `returnObj`. */
  readonly returns?: 'tableset' | 'list';
}

const PAGE = [
  { name: 'pageSize', type: 'Edm.Int32', required: false },
  { name: 'absolutePage', type: 'Edm.Int32', required: false },
] as const;

/** Signatures per service name. */
export const METHOD_SIGNATURES: Readonly<Record<string, readonly SimMethodSignature[]>> = {
  'Erp.BO.CustomerSvc': [
    { name: 'GetByID', readOnly: true, returns: 'tableset', parameters: [{ name: 'custNum', type: 'Edm.Int32', required: true }] },
    { name: 'GetList', readOnly: true, returns: 'list', parameters: [{ name: 'whereClause', type: 'Edm.String', required: false }, ...PAGE] },
    { name: 'GetRows', readOnly: true, returns: 'tableset', parameters: [{ name: 'whereClauseCustomer', type: 'Edm.String', required: false }, ...PAGE] },
    { name: 'GetNewCustomer', readOnly: true, parameters: [{ name: 'ds', type: 'tableset', required: true }] },
    { name: 'Update', readOnly: false, parameters: [{ name: 'ds', type: 'tableset', required: true }] },
  ],
};
