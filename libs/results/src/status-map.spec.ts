import type { KcidbStatus } from '@kci-bridge/kcidb';
import { describe, expect, it } from 'vitest';
import {
  isJobErrorType,
  ktapStatus,
  lavaHealthStatus,
  lavaResultStatus,
  ltpExitStatus,
  ltpResultStatus,
  tuxsuiteResultStatus,
  type KtapDirective,
} from './status-map.js';

describe('ktapStatus: every result word and directive', () => {
  it.each<[boolean, KtapDirective | undefined, KcidbStatus]>([
    [true, undefined, 'PASS'],
    [false, undefined, 'FAIL'],
    [true, 'SKIP', 'SKIP'],
    [false, 'SKIP', 'SKIP'],
    [true, 'TODO', 'PASS'],
    [false, 'TODO', 'SKIP'],
    [true, 'XFAIL', 'PASS'],
    [false, 'XFAIL', 'PASS'],
    [true, 'TIMEOUT', 'ERROR'],
    [false, 'TIMEOUT', 'ERROR'],
    [true, 'ERROR', 'ERROR'],
    [false, 'ERROR', 'ERROR'],
  ])('ok=%s # %s → %s', (ok, directive, status) => {
    expect(ktapStatus(ok, directive)).toBe(status);
  });
});

describe('ltpResultStatus: kirk, console, table and T-words', () => {
  it.each<[string, KcidbStatus]>([
    ['pass', 'PASS'],
    ['PASS', 'PASS'],
    ['TPASS', 'PASS'],
    ['warn', 'PASS'],
    ['warning', 'PASS'],
    ['WARN', 'PASS'],
    ['TWARN', 'PASS'],
    ['fail', 'FAIL'],
    ['FAIL', 'FAIL'],
    ['TFAIL', 'FAIL'],
    ['brok', 'FAIL'],
    ['broken', 'FAIL'],
    ['BROK', 'FAIL'],
    ['TBROK', 'FAIL'],
    ['kernel panic', 'FAIL'],
    ['conf', 'SKIP'],
    ['CONF', 'SKIP'],
    ['TCONF', 'SKIP'],
    ['skip', 'SKIP'],
    ['timed out', 'ERROR'],
    ['SUT not responding', 'ERROR'],
    ['', 'ERROR'],
    ['exploded', 'ERROR'],
  ])('%j → %s', (word, status) => {
    expect(ltpResultStatus(word)).toBe(status);
  });
});

describe('ltpExitStatus: ltp-pan termination_type and termination_id', () => {
  it.each<[string, number, KcidbStatus]>([
    ['exited', 0, 'PASS'],
    ['exited', 4, 'PASS'],
    ['exited', 32, 'SKIP'],
    ['exited', 36, 'SKIP'],
    ['exited', 1, 'FAIL'],
    ['exited', 2, 'FAIL'],
    ['exited', 3, 'FAIL'],
    ['exited', 7, 'FAIL'],
    ['exited', 33, 'FAIL'],
    ['exited', 8, 'FAIL'],
    ['exited', 91, 'FAIL'],
    ['exited', 127, 'FAIL'],
    ['exited', -1, 'ERROR'],
    ['exited', 1.5, 'ERROR'],
    ['signaled', 9, 'FAIL'],
    ['unknown', 0, 'ERROR'],
    ['', 0, 'ERROR'],
  ])('%s %i → %s', (type, id, status) => {
    expect(ltpExitStatus(type, id)).toBe(status);
  });
});

describe('tuxsuiteResultStatus: build, test and case result words', () => {
  it.each<[string, KcidbStatus]>([
    ['pass', 'PASS'],
    ['fail', 'FAIL'],
    ['skip', 'SKIP'],
    ['error', 'ERROR'],
    ['canceled', 'ERROR'],
    ['unknown', 'ERROR'],
    ['PASS', 'PASS'],
    ['', 'ERROR'],
    ['weird', 'ERROR'],
  ])('%j → %s', (word, status) => {
    expect(tuxsuiteResultStatus(word)).toBe(status);
  });
});

describe('lavaResultStatus: test case result words', () => {
  it.each<[string, KcidbStatus]>([
    ['pass', 'PASS'],
    ['fail', 'FAIL'],
    ['skip', 'SKIP'],
    ['unknown', 'ERROR'],
    ['', 'ERROR'],
    ['incomplete', 'ERROR'],
  ])('%j → %s', (word, status) => {
    expect(lavaResultStatus(word)).toBe(status);
  });
});

describe('lavaHealthStatus: job health', () => {
  it.each<[string, KcidbStatus]>([
    ['Complete', 'PASS'],
    ['Incomplete', 'ERROR'],
    ['Canceled', 'ERROR'],
    ['Unknown', 'MISS'],
    ['', 'ERROR'],
    ['Exploded', 'ERROR'],
  ])('%j → %s', (health, status) => {
    expect(lavaHealthStatus(health)).toBe(status);
  });
});

describe('isJobErrorType', () => {
  it.each<[string, boolean]>([
    ['Infrastructure', true],
    ['Job', true],
    ['Canceled', true],
    ['Test', false],
    ['Bug', false],
    ['Configuration', false],
    ['', false],
  ])('%j → %s', (errorType, infra) => {
    expect(isJobErrorType(errorType)).toBe(infra);
  });
});
