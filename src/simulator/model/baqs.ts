import type { EdmType, SimBaq, SimColumn } from './types.ts';

/*
 * BAQs (Business Activity Queries) as the simulator serves them. Columns are named {Table}_{Field} and
 * Calculated_{Name} as Epicor names them, plus RowIdent, the string key of every BAQ result row. Each SQL
 * is a SQLite SELECT over the seeded tables for one company (`@company`), with one named parameter per
 * BAQ parameter (null when an optional one is absent).
 */

function col(name: string, type: EdmType, maxLength?: number, description?: string): SimColumn {
  return {
    name,
    type,
    nullable: name !== 'RowIdent',
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(type === 'Edm.Decimal' ? { precision: 17, scale: 3 } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

const ROW_IDENT = col('RowIdent', 'Edm.String', 36, 'Row identifier of the BAQ result.');

/**
 * Modelled on zCustomer01_Param.DynamicQuery.xml (a real BAQ export): its twenty display fields in their
 * Seq order, and the mandatory parameter zipCode compared with Customer.Zip.
 */
function zCustomer01(): SimBaq {
  const fields: readonly (readonly [string, EdmType, number?])[] = [
    ['Company', 'Edm.String', 8], ['NoContact', 'Edm.Boolean'], ['CustID', 'Edm.String', 10],
    ['Name', 'Edm.String', 50], ['Address1', 'Edm.String', 50], ['City', 'Edm.String', 50],
    ['State', 'Edm.String', 50], ['Country', 'Edm.String', 50], ['Zip', 'Edm.String', 10],
    ['TerritoryID', 'Edm.String', 8], ['CustomerType', 'Edm.String', 3], ['PhoneNum', 'Edm.String', 20],
    ['EMailAddress', 'Edm.String', 50], ['CustURL', 'Edm.String', 1000], ['CurrencyCode', 'Edm.String', 4],
    ['CreditHold', 'Edm.Boolean'], ['CreditHoldDate', 'Edm.DateTime'], ['CreditHoldSource', 'Edm.String', 8],
    ['GlobalCust', 'Edm.Boolean'], ['CustNum', 'Edm.Int32'],
  ];
  const select = fields.map(([f]) => `Customer.${f} AS Customer_${f}`).join(', ');
  return {
    id: 'zCustomer01',
    description: 'Customer Tracker Query with BAQ Param',
    columns: [...fields.map(([f, t, len]) => col(`Customer_${f}`, t, len)), ROW_IDENT],
    parameters: [{ name: 'zipCode', type: 'Edm.String', required: true }],
    sql:
      `SELECT ${select}, Customer.SysRowID AS RowIdent FROM Customers AS Customer ` +
      'WHERE Customer.Company = @company AND Customer.Zip = @zipCode ORDER BY Customer.Company, Customer.CustID',
  };
}

/** A tenant-prefixed BAQ id with a hyphen, as seen on real tenants: customers on credit hold. */
function hsCustomers(): SimBaq {
  return {
    id: '68138-HSCustomers',
    description: 'Customers on "credit hold" & their open order amounts',
    columns: [
      col('Customer_CustNum', 'Edm.Int32'), col('Customer_CustID', 'Edm.String', 10),
      col('Customer_Name', 'Edm.String', 50), col('Customer_City', 'Edm.String', 50),
      col('Customer_State', 'Edm.String', 50), col('Customer_Country', 'Edm.String', 50),
      col('Customer_CreditHold', 'Edm.Boolean'), col('Customer_CreditHoldDate', 'Edm.DateTime'),
      col('Customer_CreditLimit', 'Edm.Decimal'), col('Customer_CustomerTier_c', 'Edm.String', 20),
      col('Calculated_OpenOrderAmt', 'Edm.Decimal', undefined, 'Sum of the open orders\' amounts.'),
      ROW_IDENT,
    ],
    parameters: [{ name: 'state', type: 'Edm.String', required: false }],
    sql:
      'SELECT Customer.CustNum AS Customer_CustNum, Customer.CustID AS Customer_CustID, ' +
      'Customer.Name AS Customer_Name, Customer.City AS Customer_City, Customer.State AS Customer_State, ' +
      'Customer.Country AS Customer_Country, Customer.CreditHold AS Customer_CreditHold, ' +
      'Customer.CreditHoldDate AS Customer_CreditHoldDate, Customer.CreditLimit AS Customer_CreditLimit, ' +
      'Customer.CustomerTier_c AS Customer_CustomerTier_c, ' +
      '(SELECT ROUND(IFNULL(SUM(o.OrderAmt), 0), 2) FROM SalesOrders AS o WHERE o.Company = Customer.Company ' +
      'AND o.CustNum = Customer.CustNum AND o.OpenOrder = 1) AS Calculated_OpenOrderAmt, ' +
      'Customer.SysRowID AS RowIdent FROM Customers AS Customer ' +
      'WHERE Customer.Company = @company AND Customer.CreditHold = 1 AND (@state IS NULL OR Customer.State = @state) ' +
      'ORDER BY Customer.CustID',
  };
}

/** Orders joined to their customers, with a calculated line count; no parameters. */
function zOrdersByCustomer(): SimBaq {
  return {
    id: 'zOrdersByCustomer',
    description: 'Sales orders by customer with line counts',
    columns: [
      col('Customer_CustID', 'Edm.String', 10), col('Customer_Name', 'Edm.String', 50),
      col('OrderHed_OrderNum', 'Edm.Int32'), col('OrderHed_OrderDate', 'Edm.DateTime'),
      col('OrderHed_OrderAmt', 'Edm.Decimal'), col('Calculated_LineCount', 'Edm.Int32', undefined, 'Number of order lines.'),
      ROW_IDENT,
    ],
    parameters: [],
    sql:
      'SELECT Customer.CustID AS Customer_CustID, Customer.Name AS Customer_Name, ' +
      'OrderHed.OrderNum AS OrderHed_OrderNum, OrderHed.OrderDate AS OrderHed_OrderDate, ' +
      'OrderHed.OrderAmt AS OrderHed_OrderAmt, ' +
      '(SELECT COUNT(*) FROM OrderDtls AS d WHERE d.Company = OrderHed.Company AND d.OrderNum = OrderHed.OrderNum) ' +
      'AS Calculated_LineCount, OrderHed.SysRowID AS RowIdent ' +
      'FROM SalesOrders AS OrderHed JOIN Customers AS Customer ' +
      'ON Customer.Company = OrderHed.Company AND Customer.CustNum = OrderHed.CustNum ' +
      'WHERE OrderHed.Company = @company ORDER BY Customer.CustID, OrderHed.OrderNum',
  };
}

/** The BAQs the simulator serves (fresh objects on each call). */
export function buildBaqs(): SimBaq[] {
  return [zCustomer01(), hsCustomers(), zOrdersByCustomer()];
}
