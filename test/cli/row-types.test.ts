// renderRowTypes over a catalog with awkward names: the output compiles, and each name is kept exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import type { Catalog, CatalogColumn } from '../../src/index.ts';
import { renderRowTypes } from '../../src/cli/row-types.ts';

const column = (name: string, type: string, nullable = false, description?: string): CatalogColumn =>
  ({ name, type, nullable, isKey: false, ...(description ? { description } : {}) }) as CatalogColumn;

const catalog: Catalog = {
  services: [
    {
      service: 'Erp.BO.ThingSvc',
      tables: [
        {
          name: 'Things', service: 'Erp.BO.ThingSvc', kind: 'table', entityType: 'ThingRow', keys: ['Id'], navigation: [], parameters: [],
          description: 'Things */ with a comment end',
          columns: [column('Id', 'Edm.Int32'), column('Order Num', 'Edm.Int64', true), column('2nd', 'Edm.String'), column('class', 'Edm.Boolean'), column('Old', 'Edm.Future', true, 'from an old cache */ x')],
        },
        { name: 'Notes', service: 'Erp.BO.ThingSvc', kind: 'table', entityType: 'NoteRow', keys: [], navigation: [], parameters: [], columns: [column('Text', 'Edm.String', true)] },
      ],
    },
    {
      service: 'Ice.BO.OtherSvc',
      tables: [{ name: 'notes', service: 'Ice.BO.OtherSvc', kind: 'table', entityType: 'NoteRow', keys: [], navigation: [], parameters: [], columns: [column('At', 'Edm.DateTimeOffset', true)] }],
    },
  ],
};

function compile(text: string): { diagnostics: string[]; props: (iface: string) => Record<string, string> } {
  const file = 'types.ts';
  const host = ts.createCompilerHost({});
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) => (name === file ? ts.createSourceFile(file, text, lang) : original(name, lang));
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts'] }, host);
  const source = program.getSourceFile(file)!;
  const checker = program.getTypeChecker();
  return {
    diagnostics: ts.getPreEmitDiagnostics(program, source).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    props: (name) => {
      const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
      assert.ok(decl, name);
      const type = checker.getTypeAtLocation(decl.name);
      return Object.fromEntries(type.getProperties().map((p) => [p.name, checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl))]));
    },
  };
}

test('names that are not identifiers are quoted, unknown types are unknown, comments cannot end early', () => {
  const { diagnostics, props } = compile(renderRowTypes(catalog, { decimalsAsStrings: true }));
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(props('ThingsRow'), { Id: 'number', 'Order Num': 'string | number | null', '2nd': 'string', class: 'boolean', Old: 'unknown' });
  // Notes and notes differ only by case: the planner finds both for "notes", so both are qualified.
  assert.deepEqual(props('DB'), { Things: 'ThingsRow', 'ThingSvc.Notes': 'ThingSvc_NotesRow', 'OtherSvc.notes': 'OtherSvc_notesRow' });
  assert.deepEqual(props('OtherSvc_notesRow'), { At: 'Date | null' });
});

test('--tables keeps the tables named, by plain or qualified name, in any case', () => {
  const { props } = compile(renderRowTypes(catalog, { decimalsAsStrings: false, tables: ['THINGS', 'othersvc.NOTES'] }));
  assert.deepEqual(props('DB'), { Things: 'ThingsRow', 'OtherSvc.notes': 'OtherSvc_notesRow' });
  assert.deepEqual(props('ThingsRow')['Order Num'], 'number | null');
});
