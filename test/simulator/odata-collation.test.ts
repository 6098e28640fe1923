// SQL Server's collation as Epicor installs it (SQL_Latin1_General_CP1_CI_AS over nvarchar): case ignored,
// accents kept, trailing spaces ignored by comparisons (ANSI padding) but not by the LIKE-style functions.
// A table of its own, with trailing spaces and non-ASCII letters; each case is checked against
// hand-written SQLite where plain SQLite can say it (rtrim, NOCASE), and against listed rows otherwise.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runQuery, type ODataVersion, type QueryOptions, type QuerySource } from '../../src/simulator/odata/index.ts';
import type { SimColumn } from '../../src/simulator/model/types.ts';

const COLUMNS: readonly SimColumn[] = [
  { name: 'Company', type: 'Edm.String', nullable: false },
  { name: 'Id', type: 'Edm.Int32', nullable: false },
  { name: 'State', type: 'Edm.String', nullable: true },
  { name: 'Name', type: 'Edm.String', nullable: true },
  { name: 'Code', type: 'Edm.String', nullable: false },
];

const ROWS: ReadonlyArray<[number, string | null, string | null, string]> = [
  [1, 'MN', 'Éclair', 'A1'],
  [2, 'MN ', 'éclair ', 'A2'],
  [3, 'mn', 'eclair', 'A3'],
  [4, ' MN', 'Øresund', 'B1'],
  [5, 'MN\t', 'øresund  ', 'B2'],
  [6, 'MX', 'Oresund', 'B3'],
  [7, null, 'Straße', 'C1'],
  [8, 'MNA', 'STRASSE', 'C2'],
  [9, '', 'Strasse ', 'C3'],
  [10, '  ', null, 'D1'],
  [11, 'mn  ', 'Zürich', 'D2'],
  [12, 'MM', 'Paris', 'D3'],
];

const db = new Database(':memory:');
db.exec('CREATE TABLE "Places" (Company TEXT, Id INTEGER, State TEXT, Name TEXT, Code TEXT, PRIMARY KEY (Company, Id))');
for (const row of ROWS) db.prepare('INSERT INTO "Places" VALUES (?,?,?,?,?)').run('EPIC06', ...row);
after(() => db.close());

const source: QuerySource = { from: '"Places"', params: { company: 'EPIC06' }, columns: COLUMNS, keys: ['Company', 'Id'], where: ['"Company" = @company'] };

function ids(options: QueryOptions, version: ODataVersion = 'v2'): number[] {
  return runQuery(db, source, { ...options, select: 'Id' }, { version }).rows.map((r) => r.Id as number);
}
const where = (filter: string, version: ODataVersion = 'v2'): number[] => ids({ filter }, version);

interface Case {
  readonly filter: string;
  /** The same condition in plain SQLite. */
  readonly sql: string;
}

// rtrim(x, ' ') ... COLLATE NOCASE is SQL Server's comparison for ASCII text; OData's ne is true for a null.
const ASCII_CASES: readonly Case[] = [
  { filter: "State eq 'MN'", sql: "rtrim(State, ' ') = 'MN' COLLATE NOCASE" },
  { filter: "State eq 'mn   '", sql: "rtrim(State, ' ') = 'MN' COLLATE NOCASE" },
  { filter: "'MN ' eq State", sql: "rtrim(State, ' ') = 'MN' COLLATE NOCASE" },
  { filter: "State ne 'MN '", sql: "State IS NULL OR rtrim(State, ' ') <> 'MN' COLLATE NOCASE" },
  { filter: "State eq ''", sql: "rtrim(State, ' ') = ''" },
  { filter: "State eq ' '", sql: "rtrim(State, ' ') = ''" },
  { filter: "State eq 'MN\t'", sql: "State = 'MN\t'" },
  { filter: "State lt 'MN ' and Id ne 5", sql: "rtrim(State, ' ') < 'MN' COLLATE NOCASE AND Id <> 5" },
  { filter: "State le 'mn' and Id ne 5", sql: "rtrim(State, ' ') <= 'MN' COLLATE NOCASE AND Id <> 5" },
  { filter: "State gt 'MN' and Id ne 5", sql: "rtrim(State, ' ') > 'MN' COLLATE NOCASE AND Id <> 5" },
  { filter: "State ge 'mn  ' and Id ne 5", sql: "rtrim(State, ' ') >= 'MN' COLLATE NOCASE AND Id <> 5" },
  { filter: "State eq 'MN' or State eq 'MX '", sql: "rtrim(State, ' ') COLLATE NOCASE IN ('MN', 'MX')" },
  { filter: "tolower(State) eq 'mn'", sql: "rtrim(lower(State), ' ') = 'mn'" },
  { filter: "concat(State, ' ') eq 'MN'", sql: "rtrim(State, ' ') = 'MN' COLLATE NOCASE" },
  { filter: "Code eq 'a1 '", sql: "Code = 'A1'" },
  { filter: "Code ne 'A1'", sql: "Code <> 'A1'" },
  // The LIKE-style functions see trailing spaces (SQL Server's LIKE over nvarchar does).
  { filter: "startswith(State, 'MN ')", sql: "State LIKE 'MN %'" },
  { filter: "endswith(State, 'mn')", sql: "State LIKE '%MN'" },
  { filter: "contains(State, 'N ')", sql: "State LIKE '%N %'" },
  { filter: "indexof(State, ' ') eq 2", sql: "instr(State, ' ') = 3" },
  { filter: "trim(State) eq 'MN'", sql: "trim(State) = 'MN' COLLATE NOCASE" },
  // length is SQL Server's LEN: trailing spaces not counted.
  { filter: 'length(State) eq 2', sql: "length(rtrim(State, ' ')) = 2" },
  { filter: 'length(State) eq 0', sql: "length(rtrim(State, ' ')) = 0" },
  { filter: 'length(Code) eq 2', sql: 'length(Code) = 2' },
];

describe('trailing spaces are ignored by comparisons, as SQL Server pads the shorter side', () => {
  for (const c of ASCII_CASES) {
    for (const version of ['v1', 'v2'] as const) {
      const filter = version === 'v1' ? c.filter.replace(/contains\((\w+), ('[^']*')\)/, 'substringof($2, $1)') : c.filter;
      it(`${version} ${filter}`, () => {
        const sql = `SELECT Id FROM "Places" WHERE Company = 'EPIC06' AND (${c.sql}) ORDER BY Id`;
        const want = (db.prepare(sql).all() as Array<{ Id: number }>).map((r) => r.Id);
        assert.ok(want.length > 0, 'each case should match some rows');
        assert.deepEqual(where(filter, version), want);
      });
    }
  }

  it('finds the MN rows whatever the padding on either side', () => {
    assert.deepEqual(where("State eq 'MN '"), [1, 2, 3, 11]);
    assert.deepEqual(where("State eq 'MN'", 'v1'), [1, 2, 3, 11]);
    assert.deepEqual(where("State ne 'mn'"), [4, 5, 6, 7, 8, 9, 10, 12]);
    assert.deepEqual(where("State eq ' MN'"), [4]); // leading spaces count
  });

  it('sees a value that gains a trailing space after the column was measured', () => {
    assert.deepEqual(where("Code eq 'B1'"), [4]);
    db.prepare('UPDATE "Places" SET Code = ? WHERE Id = 4').run('B1  ');
    try {
      assert.deepEqual(where("Code eq 'b1'"), [4]);
      assert.deepEqual(ids({ orderby: 'Code desc', top: '3' }), [12, 11, 10]);
      assert.deepEqual(ids({ filter: "startswith(Code, 'B')", orderby: 'Code' }), [4, 5, 6]);
    } finally {
      db.prepare('UPDATE "Places" SET Code = ? WHERE Id = 4').run('B1');
    }
  });
});

describe('non-ASCII letters: case ignored, accents kept', () => {
  const cases: Array<[string, number[]]> = [
    ["Name eq 'ÉCLAIR'", [1, 2]],
    ["Name eq 'éclair   '", [1, 2]],
    ["Name eq 'eclair'", [3]],
    ["Name ne 'Éclair'", [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
    ["Name eq 'øRESUND'", [4, 5]],
    ["Name eq 'ORESUND '", [6]],
    ["Name eq 'ZÜRICH'", [11]],
    ["Name eq 'zurich'", []],
    // ß equals ss in SQL Server's Unicode comparisons (Windows sorting rules).
    ["Name eq 'STRAßE'", [7, 8, 9]],
    ["Name eq 'strasse'", [7, 8, 9]],
    ["Name ne 'Strasse' and Id gt 6", [10, 11, 12]],
    ["Name eq 'STRASE'", []],
    // The functions match ß as itself, and SQL Server's UPPER keeps it (no 'SS').
    ["contains(Name, 'ss')", [8, 9]],
    ["startswith(Name, 'STRAß')", [7]],
    ["toupper(Name) eq 'STRAßE'", [7, 8, 9]],
    ['length(toupper(Name)) eq 6', [1, 2, 3, 7, 11]],
    ["Name gt 'e' and Name lt 'f'", [1, 2, 3]],
    ["startswith(Name, 'ØR')", [4, 5]],
    ["endswith(Name, 'ÉCLAIR')", [1]],
    ["contains(Name, 'é')", [1, 2]],
    ["indexof(Name, 'ÜR') eq 1", [11]],
    ['length(Name) eq 7', [4, 5, 6, 8, 9]],
    ["toupper(Name) eq 'ÉCLAIR'", [1, 2]],
  ];
  for (const [filter, expected] of cases) {
    it(filter, () => {
      assert.deepEqual(where(filter), expected);
      assert.deepEqual(where(filter.replace(/contains\((\w+), ('[^']*')\)/, 'substringof($2, $1)'), 'v1'), expected);
    });
  }
});

describe('$orderby follows the same collation', () => {
  it('orders a padded ASCII column ignoring case and trailing spaces, ties by key', () => {
    const want = (db.prepare(`SELECT Id FROM "Places" ORDER BY rtrim(State, ' ') COLLATE NOCASE, Id`).all() as Array<{ Id: number }>).map((r) => r.Id);
    assert.deepEqual(ids({ orderby: 'State' }), want);
    assert.deepEqual(ids({ orderby: 'tolower(State)' }), want); // an expression takes the collation key
    assert.deepEqual(ids({ orderby: 'State desc,Id desc' }), [...want].reverse());
  });

  it('orders accented letters after their base letter, ß as ss, ø by code point', () => {
    // null; eclair < Éclair = éclair; Oresund; Paris; Straße = STRASSE = Strasse; Zürich; Øresund = øresund
    const want = [10, 3, 1, 2, 6, 12, 7, 8, 9, 11, 4, 5];
    assert.deepEqual(ids({ orderby: 'Name' }), want);
    assert.deepEqual(ids({ orderby: 'Name desc,Id desc' }), [...want].reverse());
    assert.deepEqual(ids({ filter: "Name gt 'O' and Name lt 'P'" }), [6]);
    assert.deepEqual(ids({ filter: "Name gt 'Oresund'" }), [4, 5, 7, 8, 9, 11, 12]);
  });
});
