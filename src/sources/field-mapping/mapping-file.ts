/**
 * The mapping file: a district's field names and values → ours, per hand-over file,
 * as JSON (src/sources/README.md, "Field mapping"), e.g.
 *
 *   { "buildings": { "fields": { "FWBM": "id", "ZCS": "floors" },
 *                    "values": { "structure": { "钢结构": "框架" } },
 *                    "ignore": ["OBJECTID", "Shape_Area"] },
 *     "lifelines": { "constants": { "network": "gas" } } }
 *
 * Checked here by a Zod schema built from our fields (our-fields.ts), so a target that
 * is not ours (`heigth`), a structure that is not one of the five, or a misspelt
 * section is a problem naming the file, the JSON path and the fix, before one feature
 * is read: a bad mapping would otherwise show up as thousands of features refused for
 * a reason far from its cause. Two entries that match the same name (`JZBH` and
 * `jzbh`, see match-key.ts) with different targets are refused too, since which one
 * applies would depend on key order. Pure: text in, the mapping or its problems out.
 */
import { z } from 'zod';
import type { Problem } from '../../core/problem.ts';
import { failure, success, type Result } from '../../core/result.ts';
import type { MappedValue } from './built-in-values.ts';
import { matchKey } from './match-key.ts';
import { MAPPING_ROLES, OUR_FIELDS, ourFieldNames, type FieldKind, type MappingRole } from './our-fields.ts';

/** One role's section of a mapping file. */
export interface RoleMapping {
  /** Their field name → our field name; their name matched by `matchKey` (NFKC, trimmed, any case). */
  fields?: Record<string, string>;
  /** Our field → { their value: our value }; their value matched by `matchKey`. */
  values?: Record<string, Record<string, MappedValue>>;
  /** Our field → the value every feature gets when it has none (e.g. `network` of a file of gas pipes). */
  constants?: Record<string, MappedValue>;
  /** Their fields to drop without reporting them as unmapped (OBJECTID, Shape_Leng …). */
  ignore?: string[];
}

export type FieldMappingFile = { $schema?: string; description?: string } & Partial<Record<MappingRole, RoleMapping>>;

export type MappingReason = 'unreadable' | 'not-utf-8' | 'not-json' | 'bad-entry' | 'ambiguous-entry';

/** A problem of a mapping file: the file and the JSON path of the entry at fault (`$` for the whole file). */
export interface MappingProblem extends Problem<MappingReason> {
  file: string;
  path: string;
}

const nonEmpty = (terms: readonly string[]) => terms as unknown as [string, ...string[]];

/** The schema of a value our field may be mapped to. */
function targetSchema(kind: FieldKind): z.ZodType<MappedValue> {
  const nullable = (s: z.ZodType<MappedValue>, yes: boolean | undefined) => (yes ? s.nullable() : s);
  switch (kind.type) {
    case 'text':
      return nullable(z.string(), kind.nullable);
    case 'number':
      return nullable(kind.integer ? z.number().int() : z.number(), kind.nullable);
    case 'boolean':
      return z.boolean();
    case 'vocabulary':
      return nullable(z.enum(nonEmpty(kind.terms)), kind.nullable);
    case 'list':
      return z.enum(nonEmpty(kind.terms));
    case 'date':
      return z.iso.date();
  }
}

function roleSchema(role: MappingRole) {
  const names = ourFieldNames(role);
  const kinds = OUR_FIELDS[role];
  return z.strictObject({
    fields: z.record(z.string(), z.enum(nonEmpty(names))).optional(),
    values: z.strictObject(Object.fromEntries(names.map((n) => [n, z.record(z.string(), targetSchema(kinds[n]!)).optional()]))).optional(),
    constants: z.strictObject(Object.fromEntries(names.map((n) => [n, targetSchema(kinds[n]!).optional()]))).optional(),
    ignore: z.array(z.string()).optional(),
  });
}

/** The mapping file's schema (every role optional, unknown keys refused). */
export const FieldMappingFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  ...Object.fromEntries(MAPPING_ROLES.map((role) => [role, roleSchema(role).optional()])),
}) as unknown as z.ZodType<FieldMappingFile>;

/** `$.buildings.fields.JZBH`, `$.buildings.fields["建筑 编号"]`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : /^[\p{L}\p{N}_$]+$/u.test(String(k)) ? `${s}.${String(k)}` : `${s}[${JSON.stringify(String(k))}]`), '$');
}

/** What may stand at a path, as a zh-CN / English fix. */
function fixAt(path: ReadonlyArray<PropertyKey>): string {
  const [role, section, field] = path as string[];
  if (path.length === 0) return `顶层只能有 ${MAPPING_ROLES.join('、')}（及 description）/ the top level holds ${MAPPING_ROLES.join(', ')} (and description)`;
  if (!(MAPPING_ROLES as readonly string[]).includes(role!)) return '见 src/sources/README.md “字段映射” / see src/sources/README.md, "Field mapping"';
  const r = role as MappingRole;
  const ours = ourFieldNames(r).join(', ');
  if (path.length === 1) return `每节只能有 fields、values、constants、ignore / a section holds fields, values, constants, ignore`;
  if (section === 'fields') return `映射到我们的字段之一 / map to one of our ${r} fields: ${ours}`;
  if (section === 'ignore') return `ignore 是字段名列表 / ignore is a list of their field names, e.g. ["OBJECTID"]`;
  if (path.length === 2 || field === undefined) return `键为我们的字段之一 / keys are our ${r} fields: ${ours}`;
  const kind = OUR_FIELDS[r][field];
  if (!kind) return `键为我们的字段之一 / keys are our ${r} fields: ${ours}`;
  const nullable = 'nullable' in kind && kind.nullable ? '，或 null / , or null' : '';
  switch (kind.type) {
    case 'vocabulary':
    case 'list':
      return `${field} 的值只能是 ${kind.terms.join('、')}${nullable} / ${field} takes one of: ${kind.terms.join(', ')}${nullable ? ', or null' : ''}`;
    case 'boolean':
      return `${field} 的值为 true 或 false / ${field} takes true or false`;
    case 'number':
      return `${field} 的值为${kind.integer ? '整数' : '数字'} / ${field} takes a ${kind.integer ? 'whole number' : 'number'}${nullable ? ' or null' : ''}`;
    case 'date':
      return `${field} 的值为 YYYY-MM-DD 日期 / ${field} takes a day as YYYY-MM-DD`;
    case 'text':
      return `${field} 的值为文本 / ${field} takes text${nullable ? ' or null' : ''}`;
  }
}

function problemAt(file: string, reason: MappingReason, path: ReadonlyArray<PropertyKey>, text: string, fix: string): MappingProblem {
  const where = jsonPath(path);
  return { file, path: where, reason, message: `${file} ${where}: ${text}`, fix };
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Entries whose names match alike (`JZBH`, ` jzbh`) but say different things. */
function ambiguities(file: string, role: MappingRole, section: RoleMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const check = (path: PropertyKey[], table: Record<string, unknown>) => {
    const seen = new Map<string, [string, unknown]>();
    for (const [name, target] of Object.entries(table)) {
      const key = matchKey(name);
      const earlier = seen.get(key);
      if (earlier && earlier[1] !== target) {
        problems.push(
          problemAt(file, 'ambiguous-entry', [...path, name], `与 “${earlier[0]}” 匹配同一名称，却映射为 ${JSON.stringify(target)} 与 ${JSON.stringify(earlier[1])} / matches the same name as "${earlier[0]}" but maps to ${JSON.stringify(target)}, not ${JSON.stringify(earlier[1])}`, '名称不区分大小写、全角半角和首尾空格，只保留一条 / names match regardless of case, full-width forms and surrounding spaces: keep one entry'),
        );
      } else if (!earlier) seen.set(key, [name, target]);
    }
  };
  check([role, 'fields'], section.fields ?? {});
  for (const [field, table] of Object.entries(section.values ?? {})) check([role, 'values', field], table);
  const mapped = new Map(Object.keys(section.fields ?? {}).map((n) => [matchKey(n), n]));
  (section.ignore ?? []).forEach((name, i) => {
    const also = mapped.get(matchKey(name));
    if (also !== undefined) {
      problems.push(problemAt(file, 'ambiguous-entry', [role, 'ignore', i], `“${name}” 既被忽略又被映射（fields.${also}）/ "${name}" is both ignored and mapped (fields.${also})`, '从 ignore 或 fields 中删去一处 / remove it from ignore or from fields'));
    }
  });
  return problems;
}

/** The mapping in `text` (JSON, a BOM allowed), or every problem found; `file` names it in messages. */
export function parseFieldMapping(text: string, file: string): Result<FieldMappingFile, MappingProblem> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message);
    const at = offset ? lineColumn(body, Number(offset[1])) : null;
    const where = at ? `第 ${at.line} 行第 ${at.column} 列 / line ${at.line}, column ${at.column}: ` : '';
    return failure([{ file, path: '$', reason: 'not-json', message: `${file}: 不是有效的 JSON / not valid JSON: ${where}${message}`, fix: '检查该处的逗号、引号和括号（JSON 不允许注释和末尾逗号）/ check the commas, quotes and brackets there (JSON allows no comments and no trailing commas)' }]);
  }
  const parsed = FieldMappingFileSchema.safeParse(json);
  if (!parsed.success) {
    return failure(
      parsed.error.issues.flatMap((issue) => {
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((key) => problemAt(file, 'bad-entry', [...issue.path, key], `未知的键 “${key}” / unknown key "${key}"`, fixAt(issue.path)));
        }
        return [problemAt(file, 'bad-entry', issue.path, issue.message, fixAt(issue.path))];
      }),
    );
  }
  const problems = MAPPING_ROLES.flatMap((role) => (parsed.data[role] ? ambiguities(file, role, parsed.data[role]) : []));
  return problems.length > 0 ? failure(problems) : success(parsed.data);
}
