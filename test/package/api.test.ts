/**
 * The public API is deliberate: the run-time exports of the package entry are pinned here, and
 * every export, value or type, carries TSDoc where it is declared.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as pelsim from '../../src/index.js';

describe('the package entry (src/index.ts)', () => {
  it('exports exactly these run-time values', () => {
    expect(Object.keys(pelsim).sort()).toEqual([
      'DEFAULT_EXPECTATIONS',
      'INVARIANTS',
      'METRIC_NAMES',
      'PelsimError',
      'RedisReplyError',
      'ScenarioAssertionError',
      'Simulation',
      'assertScenario',
      'createSimRedis',
      'defineConsumer',
      'defineScenario',
      'hunt',
      'isPelsimError',
      'parseExpectation',
      'replayHuntFile',
      'simulate',
      'writeHuntScenario',
    ]);
  });

  it('documents every export, value or type, with TSDoc at its declaration', () => {
    const entry = resolve('src/index.ts');
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry) as ts.SourceFile;
    const module = checker.getSymbolAtLocation(source) as ts.Symbol;
    const exports = checker.getExportsOfModule(module);
    expect(exports.length).toBeGreaterThan(60);
    const undocumented = exports.filter((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.getDocumentationComment(checker).length === 0;
    });
    expect(undocumented.map((s) => s.name)).toEqual([]);
  }, 120_000);
});
