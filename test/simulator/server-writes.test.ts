import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';
import { call, isEpicorError, v1, v2 } from './server-helpers.ts';

const CUST = 'Erp.BO.CustomerSvc';

describe('simulator writes and custom methods', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ customers: 200 });
  });
  after(() => sim.close());

  const maxCustNum = () => (sim.db.prepare("SELECT MAX(CustNum) AS n FROM Customers WHERE Company = 'EPIC06'").get() as { n: number }).n;

  it('creates a customer with an assigned number (201), refuses duplicates and missing keys', async () => {
    const before = maxCustNum();
    const r = await call(sim, v2(sim, `${CUST}/Customers`), { method: 'POST', body: { CustNum: 0, CustID: 'NEWCO', Name: 'New Co', CreditHold: true } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.CustNum, before + 1);
    assert.equal(r.json.Company, 'EPIC06');
    assert.equal(r.json.CreditHold, true);
    assert.match(r.json.SysRowID, /^[0-9a-f-]{36}$/);
    const stored = sim.db.prepare("SELECT Name FROM Customers WHERE Company = 'EPIC06' AND CustNum = ?").get(before + 1) as { Name: string };
    assert.equal(stored.Name, 'New Co');
    const dup = await call(sim, v1(sim, `${CUST}/Customers`), { method: 'POST', body: { Company: 'EPIC06', CustNum: before + 1, CustID: 'X' } });
    assert.ok(isEpicorError(dup, 400));
    const missingKey = await call(sim, v1(sim, `${CUST}/ShipToes`), { method: 'POST', body: { CustNum: 1 } });
    assert.ok(isEpicorError(missingKey, 400));
    assert.match(missingKey.json.ErrorMessage, /ShipToNum/);
  });

  it('updates with PATCH (204), refuses unknown columns and keys, and deletes (204, then 404)', async () => {
    const created = await call(sim, v1(sim, `${CUST}/Customers`), { method: 'POST', body: { CustID: 'TEMP', Name: 'Temp' } });
    const num = created.json.CustNum;
    const patch = await call(sim, v1(sim, `${CUST}/Customers('EPIC06',${num})`), { method: 'PATCH', body: { Name: 'Renamed', Company: 'EPIC06' } });
    assert.equal(patch.status, 204, patch.text);
    const read = await call(sim, v2(sim, `${CUST}/Customers('EPIC06',${num})?$select=Name`));
    assert.equal(read.json.Name, 'Renamed');
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers('EPIC06',${num})`), { method: 'PATCH', body: { Nmae: 'x' } }), 400));
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers('EPIC06',99999999)`), { method: 'PATCH', body: { Name: 'x' } }), 404));
    assert.equal((await call(sim, v1(sim, `${CUST}/Customers('EPIC06',${num})`), { method: 'DELETE' })).status, 204);
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers('EPIC06',${num})`), { method: 'DELETE' }), 404));
  });

  it('refuses bodies that are not JSON objects and values of the wrong type', async () => {
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers`), { method: 'POST', body: 'not json{' }), 400));
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Customers`), { method: 'POST', body: '[1,2]' }), 400));
    const wrongType = await call(sim, v1(sim, `${CUST}/Customers`), { method: 'POST', body: { CustID: 'T', CreditLimit: 'lots' } });
    assert.ok(isEpicorError(wrongType, 400));
    assert.match(wrongType.json.ErrorMessage, /CreditLimit/);
  });

  it('GetByID answers the customer with its ship-tos; an unknown number is a 400', async () => {
    const r = await call(sim, v1(sim, `${CUST}/GetByID`), { method: 'POST', body: { custNum: 3 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.returnObj.Customer[0].CustNum, 3);
    const shipTos = (sim.db.prepare("SELECT COUNT(*) AS n FROM ShipToes WHERE Company = 'EPIC06' AND CustNum = 3").get() as { n: number }).n;
    assert.equal(r.json.returnObj.ShipTo.length, shipTos);
    assert.ok(Array.isArray(r.json.returnObj.CustBillTo));
    assert.deepEqual(r.json.parameters, {});
    const viaGet = await call(sim, v2(sim, `${CUST}/GetByID?custNum=3`));
    assert.equal(viaGet.json.returnObj.Customer[0].CustNum, 3);
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/GetByID`), { method: 'POST', body: { custNum: 99999999 } }), 400));
  });

  it('GetList pages with pageSize/absolutePage and a tiny whereClause', async () => {
    const p1 = await call(sim, v1(sim, `${CUST}/GetList`), { method: 'POST', body: { whereClause: '', pageSize: 10, absolutePage: 1 } });
    assert.equal(p1.json.returnObj.CustomerList.length, 10);
    assert.equal(p1.json.parameters.morePages, true);
    const p2 = await call(sim, v1(sim, `${CUST}/GetList?whereClause=&pageSize=10&absolutePage=2`));
    assert.notEqual(p2.json.returnObj.CustomerList[0].CustNum, p1.json.returnObj.CustomerList[0].CustNum);
    const id = p1.json.returnObj.CustomerList[0].CustID;
    const one = await call(sim, v1(sim, `${CUST}/GetList`), { method: 'POST', body: { whereClause: `CustID = '${id}'`, pageSize: 0, absolutePage: 0 } });
    assert.equal(one.json.returnObj.CustomerList.length, 1);
    assert.equal(one.json.parameters.morePages, false);
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/GetList`), { method: 'POST', body: { whereClause: 'CustID LIKE x OR 1=1' } }), 400));
  });

  it('GetNewCustomer and Update add a customer through the dataset', async () => {
    const fresh = await call(sim, v1(sim, `${CUST}/GetNewCustomer`), { method: 'POST', body: { ds: {} } });
    assert.equal(fresh.status, 200, fresh.text);
    const row = fresh.json.parameters.ds.Customer[0];
    assert.equal(row.RowMod, 'A');
    assert.equal(row.Company, 'EPIC06');
    const before = maxCustNum();
    const upd = await call(sim, v1(sim, `${CUST}/Update`), { method: 'POST', body: { ds: { Customer: [{ ...row, CustID: 'DSNEW', Name: 'Dataset Co' }] } } });
    assert.equal(upd.status, 200, upd.text);
    assert.equal(upd.json.parameters.ds.Customer[0].CustNum, before + 1);
    const changed = await call(sim, v1(sim, `${CUST}/Update`), {
      method: 'POST',
      body: { ds: { Customer: [{ Company: 'EPIC06', CustNum: before + 1, Name: 'Dataset Co 2', RowMod: 'U' }] } },
    });
    assert.equal(changed.json.parameters.ds.Customer[0].Name, 'Dataset Co 2');
  });

  it('answers 501 for an advertised method the simulator lacks and 405 for GET on a write method', async () => {
    const other = sim.model.services.find((s) => s.name === CUST)!.methods.find((m) => !['GetByID', 'GetList', 'GetRows', 'GetNewCustomer', 'Update'].includes(m));
    assert.ok(other, 'CustomerSvc advertises other methods');
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/${other}`), { method: 'POST', body: {} }), 501));
    assert.ok(isEpicorError(await call(sim, v1(sim, `${CUST}/Update`)), 405));
  });
});
