import { describe, expect, it } from 'vitest';
import { CheckFailed, UsageError, describeFailure } from '../../src/cli/errors.js';
import { ExpectationError } from '../../src/check/index.js';
import { ConsumerModuleError } from '../../src/consumers/index.js';
import { ProcessFailedError } from '../../src/engine/index.js';
import { isPelsimError, PelsimError } from '../../src/errors.js';
import { ReportInputError } from '../../src/report/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { SweepUsageError } from '../../src/sweep/index.js';

describe('one PelsimError, told apart by kind', () => {
  it('maps input to exit 2 with the message alone, violation to 1, anything else to 70 with the stack', () => {
    expect(describeFailure(new UsageError('--out x: expected a folder, found a file'))).toEqual({
      code: 2,
      text: 'Error: --out x: expected a folder, found a file',
    });
    expect(describeFailure(new CheckFailed('duplicatePRs == 0 failed'))).toEqual({ code: 1, text: 'duplicatePRs == 0 failed' });
    const bug = new TypeError('x is undefined');
    const internal = describeFailure(bug);
    expect(internal.code).toBe(70);
    expect(internal.text).toContain('pelsim failed: TypeError: x is undefined\n    at ');
    expect(describeFailure(new PelsimError('internal', 'broken')).code).toBe(70);
    expect(describeFailure('a string').code).toBe(70);
  });

  it('every input error of every layer is a PelsimError of kind input, whatever its name', () => {
    const errors = [
      new ReportInputError('r.json: not valid JSON'),
      new SweepUsageError('--shard expects i/n'),
      new ConsumerModuleError('c.ts', 'file not found'),
      new ExpectationError('dupes == 0', 'a metric', '"dupes"'),
      new ScenarioError('s.yaml', [{ kind: 'schema', path: 'deployment.replicas', segments: ['deployment', 'replicas'], expected: 'an integer >= 0', found: '-1' }]),
    ];
    for (const error of errors) {
      expect(isPelsimError(error, 'input'), error.name).toBe(true);
      expect(describeFailure(error).code, error.name).toBe(2);
    }
    // No class borrows another's name to get through the CLI.
    expect(new ReportInputError('x').name).toBe('ReportInputError');
  });

  it('carries file, path, expected and found where the failure has them', () => {
    const scenario = new ScenarioError('s.yaml', [
      { kind: 'schema', path: 'deployment.replicas', segments: ['deployment', 'replicas'], expected: 'an integer >= 0', found: '-1' },
    ]);
    expect([scenario.file, scenario.path, scenario.expected, scenario.found]).toEqual(['s.yaml', 'deployment.replicas', 'an integer >= 0', '-1']);
    const module = new ConsumerModuleError('c.ts', 'file not found');
    expect([module.file, module.reason, module.message]).toEqual(['c.ts', 'file not found', 'c.ts: file not found']);
  });

  it('a failed process takes the kind of what it threw', () => {
    expect(new ProcessFailedError('pod', new ConsumerModuleError('c.ts', 'no default export')).kind).toBe('input');
    expect(new ProcessFailedError('pod', new TypeError('bug')).kind).toBe('internal');
  });
});
