// Custom methods and navigation columns read from $metadata: OData v3 FunctionImports (v1) and v4
// Functions/Actions (v2), including the corners the simulator does not produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEdmx } from '../../src/epicor/edmx.ts';

const V3 = (container: string, schema = '') => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="1.0" xmlns:edmx="http://schemas.microsoft.com/ado/2007/06/edmx">
 <edmx:DataServices m:DataServiceVersion="3.0" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata">
  <Schema Namespace="Erp.BO.TestSvc" xmlns="http://schemas.microsoft.com/ado/2009/11/edm">
   <EntityType Name="ThingRow"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.Int32" Nullable="false"/>
    <NavigationProperty Name="Parts" Relationship="Erp.BO.TestSvc.Things_Parts" FromRole="Things" ToRole="Parts"/></EntityType>
   <EntityType Name="PartRow"><Key><PropertyRef Name="ThingId"/><PropertyRef Name="Seq"/></Key>
    <Property Name="ThingId" Type="Edm.Int32" Nullable="false"/><Property Name="Seq" Type="Edm.Int32" Nullable="false"/></EntityType>
   <Association Name="Things_Parts"><End Type="Erp.BO.TestSvc.ThingRow" Role="Things" Multiplicity="1"/><End Type="Erp.BO.TestSvc.PartRow" Role="Parts" Multiplicity="*"/>
    <ReferentialConstraint><Principal Role="Things"><PropertyRef Name="Id"/></Principal><Dependent Role="Parts"><PropertyRef Name="ThingId"/></Dependent></ReferentialConstraint></Association>
   ${schema}
   <EntityContainer Name="TestSvc" m:IsDefaultEntityContainer="true">
    <EntitySet Name="Things" EntityType="Erp.BO.TestSvc.ThingRow"/><EntitySet Name="Parts" EntityType="Erp.BO.TestSvc.PartRow"/>
    <AssociationSet Name="Things_Parts" Association="Erp.BO.TestSvc.Things_Parts"><End Role="Things" EntitySet="Things"/><End Role="Parts" EntitySet="Parts"/></AssociationSet>
    ${container}
   </EntityContainer>
  </Schema>
 </edmx:DataServices>
</edmx:Edmx>`;

const V4 = (schema: string, container: string) => `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
 <Schema Namespace="Erp.BO.TestSvc" Alias="Self" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="ThingRow"><Key><PropertyRef Name="Id"/></Key><Property Name="Id" Type="Edm.Int32" Nullable="false"/>
   <NavigationProperty Name="Parts" Type="Collection(Self.PartRow)"><ReferentialConstraint Property="Id" ReferencedProperty="ThingId"/></NavigationProperty></EntityType>
  <EntityType Name="PartRow"><Key><PropertyRef Name="ThingId"/></Key><Property Name="ThingId" Type="Edm.Int32" Nullable="false"/></EntityType>
  ${schema}
  <EntityContainer Name="TestSvc"><EntitySet Name="Things" EntityType="Self.ThingRow"><NavigationPropertyBinding Path="Parts" Target="Parts"/></EntitySet>
   <EntitySet Name="Parts" EntityType="Self.PartRow"/>${container}</EntityContainer>
 </Schema></edmx:DataServices></edmx:Edmx>`;

test('v3: FunctionImports become methods; IsSideEffecting="false" or HttpMethod GET mark them read-only', () => {
  const catalog = parseEdmx(V3(`
    <FunctionImport Name="GetThing" ReturnType="Erp.BO.TestSvc.ThingRow" IsSideEffecting="false" m:HttpMethod="POST">
      <Parameter Name="id" Type="Edm.Int32" Mode="In" Nullable="false"/><Parameter Name="when" Type="Edm.DateTime" Mode="In"/></FunctionImport>
    <FunctionImport Name="ListThings" m:HttpMethod="GET"><Parameter Name="whereClause" Type="Edm.String" Mode="In"/></FunctionImport>
    <FunctionImport Name="SaveThing" m:HttpMethod="POST"><Parameter Name="ds" Type="Erp.BO.TestSvc.ThingTableset" Mode="In" Nullable="false"/></FunctionImport>`), 'Erp.BO.TestSvc');
  assert.deepEqual(catalog.methods, [
    { name: 'GetThing', readOnly: true, returnType: 'Erp.BO.TestSvc.ThingRow', parameters: [
      { name: 'id', type: 'Edm.Int32', typeName: 'Edm.Int32', required: true },
      { name: 'when', type: 'Edm.DateTime', typeName: 'Edm.DateTime', required: false }] },
    { name: 'ListThings', readOnly: true, parameters: [{ name: 'whereClause', type: 'Edm.String', typeName: 'Edm.String', required: false }] },
    { name: 'SaveThing', readOnly: false, parameters: [{ name: 'ds', typeName: 'Erp.BO.TestSvc.ThingTableset', required: true }] },
  ]);
  assert.deepEqual(catalog.tables.find((t) => t.name === 'Things')?.navigation, [{ name: 'Parts', target: 'Parts', many: true, columns: [{ column: 'Id', targetColumn: 'ThingId' }] }]);
});

test('v4: Function imports are read-only, Action imports may write; a bound operation drops its binding parameter', () => {
  const catalog = parseEdmx(V4(`
    <Function Name="GetThing"><Parameter Name="id" Type="Edm.Int64" Nullable="false"/><ReturnType Type="Self.ThingRow"/></Function>
    <Action Name="SaveThing" IsBound="true"><Parameter Name="bindingParameter" Type="Self.ThingRow"/><Parameter Name="note" Type="Edm.String"/></Action>`,
  `<FunctionImport Name="GetThing" Function="Self.GetThing"/><ActionImport Name="SaveThing" Action="Erp.BO.TestSvc.SaveThing"/>`), 'Erp.BO.TestSvc');
  assert.deepEqual(catalog.methods, [
    { name: 'GetThing', readOnly: true, returnType: 'Self.ThingRow', parameters: [{ name: 'id', type: 'Edm.Int64', typeName: 'Edm.Int64', required: true }] },
    { name: 'SaveThing', readOnly: false, parameters: [{ name: 'note', type: 'Edm.String', typeName: 'Edm.String', required: false }] },
  ]);
  assert.deepEqual(catalog.tables.find((t) => t.name === 'Things')?.navigation, [{ name: 'Parts', target: 'Parts', many: true, columns: [{ column: 'Id', targetColumn: 'ThingId' }] }]);
});

test('a $metadata with no operations has no methods', () => {
  assert.equal(parseEdmx(V3(''), 'Erp.BO.TestSvc').methods, undefined);
});
