/**
 * Read-only columns from $metadata: v4 `Core.Computed` (inline, in an external Annotations block, with
 * Bool="false" meaning not computed) and v3 `StoreGeneratedPattern` Computed/Identity become
 * `readOnly: true` in the catalog; other columns carry no flag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEdmx } from '../../src/epicor/edmx.ts';
import type { ServiceCatalog } from '../../src/metadata/catalog.ts';

const V4 = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">
    <edmx:Include Namespace="Org.OData.Core.V1" Alias="Core" />
  </edmx:Reference>
  <edmx:DataServices>
    <Schema Namespace="Erp.BO.CustomerSvc" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="CustomerRow">
        <Key><PropertyRef Name="Company" /><PropertyRef Name="CustNum" /></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false" />
        <Property Name="CustNum" Type="Edm.Int32" Nullable="false"><Annotation Term="Core.Computed" /></Property>
        <Property Name="Name" Type="Edm.String"><Annotation Term="Core.Computed" Bool="false" /></Property>
        <Property Name="SysRevID" Type="Edm.Int64"><Annotation Term="Org.OData.Core.V1.Computed" Bool="true" /></Property>
        <Property Name="SysRowID" Type="Edm.Guid" />
      </EntityType>
      <Annotations Target="Erp.BO.CustomerSvc.CustomerRow/SysRowID">
        <Annotation Term="Core.Computed" Bool="true" />
      </Annotations>
      <EntityContainer Name="CustomerSvc"><EntitySet Name="Customers" EntityType="Erp.BO.CustomerSvc.CustomerRow" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

const V3 = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
  <edmx:DataServices m:DataServiceVersion="3.0" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
    <Schema Namespace="Erp.BO.CustomerSvc" xmlns="http://schemas.microsoft.com/ado/2009/11/edm" xmlns:annotation="http://schemas.microsoft.com/ado/2009/02/edm/annotation">
      <EntityType Name="CustomerRow">
        <Key><PropertyRef Name="Company" /><PropertyRef Name="CustNum" /></Key>
        <Property Name="Company" Type="Edm.String" Nullable="false" />
        <Property Name="CustNum" Type="Edm.Int32" Nullable="false" annotation:StoreGeneratedPattern="Identity" />
        <Property Name="Name" Type="Edm.String" annotation:StoreGeneratedPattern="None" />
        <Property Name="SysRevID" Type="Edm.Int64" annotation:StoreGeneratedPattern="Computed" />
      </EntityType>
      <EntityContainer Name="CustomerSvc" m:IsDefaultEntityContainer="true"><EntitySet Name="Customers" EntityType="Erp.BO.CustomerSvc.CustomerRow" /></EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>`;

function readOnlyColumns(catalog: ServiceCatalog): Record<string, boolean | undefined> {
  const t = catalog.tables.find((x) => x.name === 'Customers');
  assert.ok(t);
  return Object.fromEntries(t.columns.map((c) => [c.name, c.readOnly]));
}

test('v4: Core.Computed inline or in an Annotations block marks a column read-only; Bool="false" does not', () => {
  assert.deepEqual(readOnlyColumns(parseEdmx(V4, 'Erp.BO.CustomerSvc')), {
    Company: undefined, CustNum: true, Name: undefined, SysRevID: true, SysRowID: true,
  });
});

test('v3: StoreGeneratedPattern Identity and Computed mark a column read-only; None does not', () => {
  assert.deepEqual(readOnlyColumns(parseEdmx(V3, 'Erp.BO.CustomerSvc')), {
    Company: undefined, CustNum: true, Name: undefined, SysRevID: true,
  });
});
