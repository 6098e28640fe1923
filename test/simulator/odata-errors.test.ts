// Bad or unsupported query options are ODataQueryError with a status and a message that names the
// problem: never a silent empty result and never a SQLite error.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ODataQueryError, runQuery, type ODataVersion, type QueryOptions } from '../../src/simulator/odata/index.ts';
import { createDatabase, customers, navigation } from './odata-fixture.ts';

const db = createDatabase();
after(() => db.close());

function rejects(options: QueryOptions, status: number, message: RegExp, version: ODataVersion = 'v2'): void {
  assert.throws(
    () => runQuery(db, customers(), options, { version, expand: navigation() }),
    (e: unknown) => e instanceof ODataQueryError && e.status === status && message.test(e.message),
    `${JSON.stringify(options)} on ${version} should be ${status} ${message}`,
  );
}

describe('400 for bad $filter', () => {
  it('unknown column, with a suggestion', () => {
    rejects({ filter: "Nmae eq 'x'" }, 400, /Unknown property 'Nmae' in \$filter.*'Name'/);
    rejects({ filter: "name eq 'x'" }, 400, /Did you mean 'Name'\?/);
    rejects({ filter: 'Orders/OrderNum eq 1' }, 400, /Navigation paths/);
  });

  it('unknown or unsupported function, naming it', () => {
    rejects({ filter: "foo(Name) eq 'x'" }, 400, /Unknown function 'foo'/);
    rejects({ filter: "startsWith(Name,'a')" }, 400, /Unknown function 'startsWith'.*'startswith'/);
    rejects({ filter: 'now() gt Since' }, 400, /Function 'now' is not supported/);
    rejects({ filter: "substring(Name) eq 'a'" }, 400, /Invalid \$filter.*position 9/);
    rejects({ filter: "Name has 'a'" }, 400, /'has' operator/);
    rejects({ filter: 'Orders/any(o: o/Qty gt 1)' }, 400, /not supported/);
  });

  it('version-specific functions', () => {
    rejects({ filter: "substringof('a', Name)" }, 400, /substringof is OData v3.*contains/);
    rejects({ filter: "contains(Name,'a')" }, 400, /contains is OData v4.*substringof/, 'v1');
  });

  it('the OData 4.01 in operator', () => {
    rejects({ filter: 'CustNum in (1,2)' }, 400, /'in' operator/);
    rejects({ filter: "City in ('Austin')" }, 400, /'in' operator/, 'v1');
  });

  it('type mismatches', () => {
    rejects({ filter: 'Name eq 1' }, 400, /Cannot compare Name \(Edm.String\) with 1/);
    rejects({ filter: "CustNum eq '1'" }, 400, /Cannot compare CustNum/);
    rejects({ filter: "Since eq '2024-03-01'" }, 400, /Cannot compare Since/);
    rejects({ filter: "SysRowID eq '0f8fad5b-d9cb-469f-a165-70867728950e'" }, 400, /Cannot compare SysRowID/);
    rejects({ filter: 'Active eq 1' }, 400, /Cannot compare Active/);
    rejects({ filter: "Name add 1 eq 2" }, 400, /'add' needs number operands/);
    rejects({ filter: 'length(CustNum) eq 1' }, 400, /Argument 1 of length\(\) must be a string/);
    rejects({ filter: 'year(Name) eq 2024' }, 400, /Argument 1 of year\(\) must be a datetime/);
    rejects({ filter: 'not CustNum eq 1' }, 400, /'not' needs a boolean operand.*parentheses/);
    rejects({ filter: 'CustNum' }, 400, /must be a boolean condition/);
    rejects({ filter: 'CreditLimit gt null' }, 400, /null can only be compared with eq or ne/);
  });

  it('bad literals, and literal forms of the other version', () => {
    rejects({ filter: "Name eq 'unterminated" }, 400, /Invalid \$filter/);
    rejects({ filter: 'Since eq 2024-02-30T00:00:00Z' }, 400, /not a valid calendar date/);
    rejects({ filter: 'Since eq 2024-03-01T00:00:00' }, 400, /no time zone.*Z/);
    rejects({ filter: "Since eq datetime'2024-03-01T00:00:00'" }, 400, /OData v3 syntax/);
    rejects({ filter: "SysRowID eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'" }, 400, /OData v3 syntax/);
    rejects({ filter: 'CreditLimit eq 1.5M' }, 400, /OData v3 type suffix/);
    rejects({ filter: 'Since eq 2024-03-01T00:00:00Z' }, 400, /Bare date literal.*datetime'/, 'v1');
    rejects({ filter: 'SysRowID eq 0f8fad5b-d9cb-469f-a165-70867728950e' }, 400, /Bare GUID literal.*guid'/, 'v1');
    rejects({ filter: "Since eq datetime'2024-03-01'" }, 400, /Bad datetime literal/, 'v1');
    rejects({ filter: "SysRowID eq guid'nope'" }, 400, /Bad guid literal/, 'v1');
    rejects({ filter: "Since eq time'10:00'" }, 400, /Literal form time/, 'v1');
    rejects({ filter: 'Discount eq INF' }, 400, /INF and NaN/);
    rejects({ filter: 'Name eq "x"' }, 400, /Invalid \$filter/);
    rejects({ filter: '' }, 400, /\$filter is empty/);
    rejects({ filter: 'CustNum eq 1 and' }, 400, /Invalid \$filter/);
  });
});

describe('400 for bad $select, $orderby, $top, $skip, counts', () => {
  it('$select', () => {
    rejects({ select: 'CustNum,Nope' }, 400, /Unknown property 'Nope' in \$select/);
    rejects({ select: 'CustNum,,Name' }, 400, /Invalid \$select/);
    rejects({ select: 'Orders/PartNum', expand: 'Orders' }, 400, /on v2 write \$expand=Orders\(\$select=PartNum\)/);
    rejects({ select: 'Orders/PartNum' }, 400, /needs 'Orders' in \$expand/, 'v1');
  });

  it('$orderby', () => {
    rejects({ orderby: 'Nope desc' }, 400, /Unknown property 'Nope' in \$orderby/);
    rejects({ orderby: 'Name sideways' }, 400, /Invalid \$orderby/);
    rejects({ orderby: 'frobnicate(Name)' }, 400, /Unknown function 'frobnicate' in \$orderby/);
  });

  it('$top and $skip', () => {
    for (const top of ['-1', 'abc', '1.5', '1000001', '']) rejects({ top }, 400, /\$top/);
    for (const skip of ['-3', 'x']) rejects({ skip }, 400, /\$skip must be a non-negative integer/);
    assert.equal(runQuery(db, customers(), { top: '1000000' }, { version: 'v2' }).rows.length, 12);
  });

  it('counts in the other version spelling', () => {
    rejects({ count: 'yes' }, 400, /\$count must be true or false/);
    rejects({ inlinecount: 'allpages' }, 400, /\$inlinecount is OData v3/);
    rejects({ count: 'true' }, 400, /\$count is OData v4/, 'v1');
    rejects({ inlinecount: 'some' }, 400, /\$inlinecount must be allpages or none/, 'v1');
  });
});

describe('$expand errors', () => {
  it('400 for unknown navigation and v1 nested options; 501 for deeper expansion', () => {
    rejects({ expand: 'Nope' }, 400, /Unknown navigation property 'Nope'/);
    rejects({ expand: 'Orders($top=1)' }, 400, /v1 \(OData v3\) takes no nested options/, 'v1');
    rejects({ expand: 'Orders($expand=Customer)' }, 501, /\$expand inside/);
    rejects({ expand: 'Orders($count=true)' }, 501, /\$count inside/);
    rejects({ expand: 'Orders/Customer' }, 501, /one navigation level/);
    rejects({ expand: 'Orders($bogus=1)' }, 400, /Invalid option/);
    rejects({ expand: "Orders($filter=Nope eq 'x')" }, 400, /Unknown property 'Nope' in \$filter/);
    rejects({ expand: 'Orders,Orders' }, 400, /twice/);
  });
});

describe('injection attempts are data', () => {
  it('leave the table intact and match nothing', () => {
    for (const text of ["'; DROP TABLE Customers; --", "x' or '1'='1", '") OR 1=1 --', "\\' OR 1=1"]) {
      const filter = `Name eq '${text.replace(/'/g, "''")}' or startswith(City, '${text.replace(/'/g, "''")}')`;
      assert.deepEqual(runQuery(db, customers(), { filter }, { version: 'v2' }).rows, []);
    }
    rejects({ filter: "Name eq 'a' or 1 eq 1; DROP TABLE Customers" }, 400, /Invalid \$filter/);
    rejects({ orderby: 'Name; DROP TABLE Customers' }, 400, /Invalid \$orderby/);
    rejects({ select: 'Name FROM Customers --' }, 400, /Invalid \$select/);
    assert.equal(runQuery(db, customers(), { top: '0', count: 'true' }, { version: 'v2' }).count, 12);
  });
});
