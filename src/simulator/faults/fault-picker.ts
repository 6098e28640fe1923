import type { FaultRule } from './fault-rule.ts';

interface RuleState {
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

function pathMatches(rule: FaultRule, pathname: string, method: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.path === undefined) return true;
  if (typeof rule.path === 'string') return pathname.includes(rule.path);
  rule.path.lastIndex = 0;
  return rule.path.test(pathname);
}

function shouldFire(state: RuleState): boolean {
  const { rule, seen, fired } = state;
  if (rule.nth !== undefined) return seen >= rule.nth && seen < rule.nth + (rule.times ?? 1);
  if (rule.times !== undefined && fired >= rule.times) return false;
  if (rule.every !== undefined) return rule.every > 0 && seen % rule.every === 0;
  return true;
}

/** Counts matching requests per rule and picks the first rule that fires for a request. */
export class FaultPicker {
  private states: RuleState[] = [];

  /** Replaces the rules and resets their counters. */
  setRules(rules: readonly FaultRule[]): void {
    this.states = rules.map((rule) => ({ rule, seen: 0, fired: 0 }));
  }

  /** The fault for this request, if any; every matching rule counts the request. */
  pick(pathname: string, method = 'GET'): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const state of this.states) {
      if (!pathMatches(state.rule, pathname, method)) continue;
      state.seen++;
      if (chosen === undefined && shouldFire(state)) {
        state.fired++;
        chosen = state.rule;
      }
    }
    return chosen;
  }
}
