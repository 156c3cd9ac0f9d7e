/** What a figure was measured on: the machine, how busy it was, and the versions. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/project-root.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGB: number;
  /** 1, 5 and 15-minute load averages. */
  loadAverage: number[];
  node: string;
  cesium: string;
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    cesium: packageVersion('cesium'),
  };
}
