import { describe, expect, it } from 'vitest';
import type { Finding } from '../contracts/task.js';
import { gate, type GateState } from './gate.js';

const finding = (ruleId: string, severity: Finding['severity']): Finding => ({ ruleId, severity, phase: 'package', message: ruleId });

describe('gate', () => {
  it('keeps and reports every finding and moves the attempt on when none is an error', async () => {
    const state: GateState = { findings: [finding('a', 'info')], reached: 'spec', defects: [] };
    const reported: string[] = [];
    const passed = await gate(state, [finding('b', 'warning'), finding('c', 'info')], 'assertions', async (f) => { reported.push(f.ruleId); });
    expect(passed).toBe(true);
    expect(reported).toEqual(['b', 'c']);
    expect(state.findings.map((f) => f.ruleId)).toEqual(['a', 'b', 'c']);
    expect(state.reached).toBe('assertions');
    expect(state.defects).toEqual([]);
  });

  it('stops the attempt at an error: the error findings become its defects and it does not advance', async () => {
    const state: GateState = { findings: [], reached: 'package', defects: [] };
    const reported: string[] = [];
    const passed = await gate(state, [finding('warn', 'warning'), finding('bad', 'error'), finding('worse', 'error')], 'assertions', async (f) => { reported.push(f.ruleId); });
    expect(passed).toBe(false);
    expect(reported).toEqual(['warn', 'bad', 'worse']);
    expect(state.findings).toHaveLength(3);
    expect(state.defects.map((f) => f.ruleId)).toEqual(['bad', 'worse']);
    expect(state.reached).toBe('package');
  });

  it('reports findings one after another, before deciding', async () => {
    const order: string[] = [];
    const state: GateState = { findings: [], reached: 'review', defects: [] };
    await gate(state, [finding('slow', 'error'), finding('fast', 'info')], 'execution', async (f) => {
      if (f.ruleId === 'slow') await new Promise((r) => setTimeout(r, 10));
      order.push(f.ruleId);
    });
    expect(order).toEqual(['slow', 'fast']);
  });
});
