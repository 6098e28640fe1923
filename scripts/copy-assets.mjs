#!/usr/bin/env node
// tsc emits only code: copy the data files that modules read at run time next to their compiled output.
import { cpSync } from 'node:fs';
cpSync('src/simulator/schemas', 'dist/src/simulator/schemas', { recursive: true });
