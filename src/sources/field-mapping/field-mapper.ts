/**
 * Turns one feature's (or archive row's) properties under the district's names and
 * values into ours, and keeps count of what it did, for report.json and
 * `sources:check`: which of their fields went to which of ours, which were left under
 * their own name (with an example value, so a person sees what the field holds),
 * which values of a vocabulary or number field matched nothing, and where two of
 * their fields gave one of ours different values. Pure and synchronous: the readers
 * call it per feature (a Shapefile of 100k footprints, so each distinct name is
 * resolved and its report entry found once; measured: 150k–230k footprints a second
 * with 11 Chinese fields, numbers as text, on this 2-core machine under a load of 8,
 * against the ≥ 50k/s the issue asks of reading and reprojecting; a tenth of reading
 * a GeoPackage through `readFootprints` in a CPU profile, before the slots below
 * replaced a Map and a candidate object per field of every feature) and the report is a
 * plain JSON value.
 *
 * Rules, in order:
 * 1. Names: name-resolver.ts (ignore, then the mapping file, our own name, built-ins).
 *    Ignored fields are dropped; unmapped ones are kept under their own name, so the
 *    validators' rename hints (src/sources/input-hints.ts) still see `Height_M` or 楼层
 *    and say what to do.
 * 2. Two of their fields for one of ours in one feature: the one with a value wins
 *    (not null, not blank); of those, the stronger source (mapping file, then our own
 *    name, then built-in), then the first in the feature. A conflict is counted only
 *    when the values differ (`BH` and `编号` holding the same code is no news).
 * 3. Values: the value table first (the mapping file's `values` over the built-ins,
 *    built-in-values.ts), then the field's kind (our-fields.ts): text trimmed, a plain
 *    number in text → number, a year-first day → YYYY-MM-DD, list items mapped one by
 *    one and joined with `;`, a vocabulary term in another case or full-width → ours. What matches
 *    nothing is kept as given and counted, and the validator refuses it with its own
 *    message. A number field with no value (null, blank: how a DBF says "none") is left
 *    out, as our own files leave out a value they do not have (a pipe with inverts and
 *    no depth).
 * 4. Constants: a mapping file's `constants` fill a field the feature has no value for.
 */
import type { MappedValue } from './built-in-values.ts';
import { BUILT_IN_VALUES } from './built-in-values.ts';
import type { FieldMappingFile } from './mapping-file.ts';
import { matchKey } from './match-key.ts';
import { createNameResolver, type MappingSource, type NameResolution, type NameResolver } from './name-resolver.ts';
import { OUR_FIELDS, type FieldKind, type MappingRole } from './our-fields.ts';
import { isoDayOf, listItems, plainNumber } from './value-conversion.ts';
import { BoundedMemo } from '../../core/bounded-memo.ts';
import { isBlank } from '../blank-text.ts';
import { isIsoDay } from '../../core/calendar-day.ts';

/** Their field → ours, and in how many features it was present. */
export interface MappedFieldCount {
  from: string;
  to: string;
  by: MappingSource;
  count: number;
}

/** One of their fields kept under its own name (no mapping), or dropped by `ignore`. */
export interface UnmappedFieldCount {
  field: string;
  count: number;
  /** The first value it held (text cut to 80 characters), null when it never held one. */
  example: string | number | boolean | null;
}

/** Values of one of our vocabulary, number, date or list fields that matched nothing. */
export interface UnmappedValues {
  field: string;
  /** Features with such a value. */
  count: number;
  /** The values, most frequent first (at most `maxValuesPerField`). */
  values: Array<{ value: string; count: number }>;
  /** Distinct values not listed. */
  moreValues: number;
}

/** A value the value table translated (`砖混结构` → `砖混`). */
export interface TranslatedValue {
  field: string;
  from: string;
  to: MappedValue;
  count: number;
}

/** Values converted by format: text to a number, a day to YYYY-MM-DD, a list re-joined with `;`. */
export interface FormatConversion {
  field: string;
  kind: 'number' | 'date' | 'list';
  count: number;
}

/** Two of their fields with different values for one of ours. */
export interface FieldConflict {
  field: string;
  winner: string;
  loser: string;
  count: number;
  /** The values of the first such feature. */
  example: { winner: string; loser: string };
}

export interface ConstantFill {
  field: string;
  value: MappedValue;
  count: number;
}

/** What a mapper did, as plain JSON (report.json, `sources:check`). */
export interface FieldMappingReport {
  role: MappingRole;
  /** Features (or rows) mapped. */
  features: number;
  mapped: MappedFieldCount[];
  unmapped: UnmappedFieldCount[];
  ignored: UnmappedFieldCount[];
  unmappedValues: UnmappedValues[];
  translatedValues: TranslatedValue[];
  conversions: FormatConversion[];
  conflicts: FieldConflict[];
  constants: ConstantFill[];
}

export interface FieldMapperOptions {
  /** Distinct unmapped values listed per field in the report. Default 20. */
  maxValuesPerField?: number;
}

export interface FieldMapper {
  readonly role: MappingRole;
  /** Their properties → ours (a new object; the input is not changed). */
  map(properties: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** What the mapper did so far. */
  report(): FieldMappingReport;
}

const EXAMPLE_CHARS = 80;
/** Distinct texts per field whose conversion is remembered (convertText). */
const REMEMBERED_VALUES = 4096;

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && isBlank(v));
}

function exampleOf(v: unknown): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS)}…` : text;
}

/** A counter of keyed entries that keeps the first entry's details. */
class Tally<T extends { count: number }> {
  readonly entries = new Map<string, T>();
  add(key: string, make: () => Omit<T, 'count'>, by = 1): T {
    // `by` 0 makes the entry without counting (the mapper then counts on the entry itself).
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { ...make(), count: 0 } as T;
      this.entries.set(key, entry);
    }
    entry.count += by;
    return entry;
  }
  list(): T[] {
    return [...this.entries.values()].map((e) => ({ ...e })).sort((a, b) => b.count - a.count);
  }
}

/** The value tables of a role: built-ins under the mapping file's, keyed by matchKey. */
function valueTables(role: MappingRole, mapping: FieldMappingFile | null | undefined): Map<string, Map<string, MappedValue>> {
  const tables = new Map<string, Map<string, MappedValue>>();
  const add = (field: string, table: Readonly<Record<string, MappedValue>>) => {
    let t = tables.get(field);
    if (!t) tables.set(field, (t = new Map()));
    for (const [their, ours] of Object.entries(table)) t.set(matchKey(their), ours);
  };
  for (const [field, table] of Object.entries(BUILT_IN_VALUES[role])) add(field, table);
  for (const [field, table] of Object.entries(mapping?.[role]?.values ?? {})) add(field, table);
  return tables;
}

/** `OMIT`: the field is left out of the output. */
const OMIT = Symbol('omit');

export function createFieldMapper(role: MappingRole, mapping?: FieldMappingFile | null, options: FieldMapperOptions = {}): FieldMapper {
  const maxValues = options.maxValuesPerField ?? 20;
  const kinds = OUR_FIELDS[role];
  const resolve: NameResolver = createNameResolver(role, mapping);
  const tables = valueTables(role, mapping);
  const constants = Object.entries(mapping?.[role]?.constants ?? {}).filter(([, v]) => v !== undefined);
  let features = 0;
  const mapped = new Tally<MappedFieldCount>();
  const unmapped = new Tally<UnmappedFieldCount>();
  const ignored = new Tally<UnmappedFieldCount>();
  const translated = new Tally<TranslatedValue>();
  const conversions = new Tally<FormatConversion>();
  const conflicts = new Tally<FieldConflict>();
  const filled = new Tally<ConstantFill>();
  const badValues = new Map<string, { count: number; values: Map<string, number> }>();

  /** Where convert() reports what it did: counted at once, or recorded to replay (the remembered conversions below). */
  interface Notes {
    translated(field: string, from: string, to: MappedValue): void;
    bad(field: string, value: string): void;
    converted(field: string, kind: FormatConversion['kind']): void;
  }
  /** The report entries a translation and a conversion count on (`by` 0: made, not counted). */
  const translation = (field: string, from: string, to: MappedValue, by = 1) => translated.add(`${field}\0${from}`, () => ({ field, from, to }), by);
  // A field converts by one kind only (its own): the field is the key.
  const conversion = (field: string, kind: FormatConversion['kind'], by = 1) => conversions.add(field, () => ({ field, kind }), by);
  const counted: Notes = {
    translated: (field, from, to) => translation(field, from, to),
    bad(field, value) {
      let entry = badValues.get(field);
      if (!entry) badValues.set(field, (entry = { count: 0, values: new Map() }));
      entry.count++;
      entry.values.set(value, (entry.values.get(value) ?? 0) + 1);
    },
    converted: (field, kind) => conversion(field, kind),
  };

  /**
   * Per distinct name of theirs: how it resolves, the report entry that counts it
   * (resolved and keyed once, not per feature) and, when it maps, the slot of our field
   * (`slots` below).
   */
  const names = new Map<string, { r: NameResolution; counter: { count: number; example?: UnmappedFieldCount['example'] }; slot: number }>();
  /**
   * Our fields met so far, one slot each, and per slot the field of theirs chosen for it
   * in the feature being mapped (`stamp`: which feature set it): arrays reused from
   * feature to feature, not a Map and a candidate object per field of every feature
   * (the mapper was a tenth of reading a GeoPackage).
   */
  const slotOurs: string[] = [];
  const slotKind: FieldKind[] = [];
  const slotStamp: number[] = [];
  const slotFrom: string[] = [];
  const slotRank: number[] = [];
  const slotValue: unknown[] = [];
  /** The slots set in the feature being mapped, in the order first set (the order of our fields in the output). */
  const order: number[] = [];
  const nameEntry = (name: string) => {
    let entry = names.get(name);
    if (!entry) {
      const r = resolve(name);
      const counter =
        r.kind === 'ignored'
          ? ignored.add(name, () => ({ field: name, example: null }), 0)
          : r.kind === 'unmapped'
            ? unmapped.add(name, () => ({ field: name, example: null }), 0)
            : mapped.add(`${name}\0${r.ours}`, () => ({ from: name, to: r.ours, by: r.by }), 0);
      let slot = -1;
      if (r.kind === 'mapped') {
        slot = slotOurs.indexOf(r.ours);
        if (slot < 0) {
          slot = slotOurs.push(r.ours) - 1;
          slotKind.push(kinds[r.ours]!);
          slotStamp.push(0);
          slotFrom.push('');
          slotRank.push(0);
          slotValue.push(undefined);
        }
      }
      names.set(name, (entry = { r, counter, slot }));
    }
    return entry;
  };

  /** The value table's word for `value`, or null when the table has none (a translation is counted when it changes the value). */
  const lookUp = (field: string, value: string, notes: Notes): { value: MappedValue } | null => {
    const table = tables.get(field);
    if (!table) return null;
    const key = matchKey(value);
    if (!table.has(key)) return null;
    const to = table.get(key)!;
    if (to !== value) notes.translated(field, value, to);
    return { value: to };
  };

  /** A term of `terms` as given or matched by matchKey (`Ａ`, `a` → `A`; `Water` → `water`: no two terms of ours differ only so), else null. */
  const termKeys = new Map<readonly string[], Map<string, string>>();
  const asTerm = (terms: readonly string[], text: string): string | null => {
    if (terms.includes(text)) return text;
    let keys = termKeys.get(terms);
    if (!keys) termKeys.set(terms, (keys = new Map(terms.map((t) => [matchKey(t), t]))));
    return keys.get(matchKey(text)) ?? null;
  };

  function convert(field: string, kind: FieldKind, raw: unknown, notes: Notes = counted): unknown {
    if (raw === undefined) return OMIT;
    if (raw === null) return kind.type === 'number' ? OMIT : null;
    if (typeof raw === 'object') return raw;
    const text = typeof raw === 'string' ? raw.trim() : String(raw);
    if (text === '') return kind.type === 'number' ? OMIT : kind.type === 'vocabulary' && kind.nullable ? null : '';
    if (kind.type === 'list') {
      const items = listItems(text).map((item) => {
        const hit = lookUp(field, item, notes);
        const ours = hit && typeof hit.value === 'string' ? hit.value : asTerm(kind.terms, item);
        if (ours === null) notes.bad(field, item);
        return ours ?? item;
      });
      const joined = items.join(';');
      if (joined !== text) notes.converted(field, 'list');
      return joined;
    }
    // A boolean is already ours; anything else goes through the value table first.
    const hit = typeof raw === 'boolean' && kind.type === 'boolean' ? null : lookUp(field, text, notes);
    if (hit) return hit.value;
    const given = typeof raw === 'string' ? text : raw;
    switch (kind.type) {
      case 'text':
        return given;
      case 'vocabulary': {
        const ours = asTerm(kind.terms, text);
        if (ours === null) notes.bad(field, text);
        return ours ?? given;
      }
      case 'boolean':
        if (typeof raw !== 'boolean') notes.bad(field, text);
        return given;
      case 'number':
        return typeof raw === 'number' ? raw : reformat(field, 'number', text, plainNumber(text), notes);
      case 'date':
        return isIsoDay(text) ? text : reformat(field, 'date', text, isoDayOf(text), notes);
    }
  }

  /** A value in our format (`ours`), counted as a conversion, or the text as given (`ours` null), counted as unmapped. */
  function reformat(field: string, kind: FormatConversion['kind'], text: string, ours: number | string | null, notes: Notes): unknown {
    if (ours === null) {
      notes.bad(field, text);
      return text;
    }
    notes.converted(field, kind);
    return ours;
  }

  /**
   * convert() for a text value, remembered per field while the field has at most
   * REMEMBERED_VALUES distinct texts: a district's 结构类型, 用途 or 是否历史建筑 column
   * repeats a few words over 100k features, and each conversion folds the text (NFKC)
   * and looks it up (together 40% of mapping a Shapefile's attributes). What a
   * conversion noted (a translation, an unmapped value) is replayed on every use, so
   * the report counts each feature as before.
   */
  const remembered = new Map<string, BoundedMemo<{ value: unknown; replay: Array<() => void> }>>();
  function convertText(field: string, kind: FieldKind, raw: string): unknown {
    let seen = remembered.get(field);
    if (seen === undefined) remembered.set(field, (seen = new BoundedMemo(REMEMBERED_VALUES)));
    if (!seen.remembering) return convert(field, kind, raw);
    let hit = seen.get(raw);
    if (hit === undefined) {
      const replay: Array<() => void> = [];
      // The report entries are made (uncounted) now; replaying a note is one increment.
      const recorder: Notes = {
        translated(f, from, to) {
          const entry = translation(f, from, to, 0);
          replay.push(() => entry.count++);
        },
        bad: (f, value) => replay.push(() => counted.bad(f, value)),
        converted(f, k) {
          const entry = conversion(f, k, 0);
          replay.push(() => entry.count++);
        },
      };
      hit = { value: convert(field, kind, raw, recorder), replay };
      seen.set(raw, hit);
    }
    for (let i = 0; i < hit.replay.length; i++) hit.replay[i]!();
    return hit.value;
  }

  return {
    role,
    map(properties) {
      const stamp = ++features;
      const out: Record<string, unknown> = {};
      let set = 0;
      // for…in, not Object.keys: the same order (a plain object's own keys), no array per feature.
      for (const name in properties) {
        if (!Object.hasOwn(properties, name)) continue;
        const value = properties[name];
        const { r, counter, slot } = nameEntry(name);
        counter.count++;
        if (r.kind !== 'mapped') {
          if (counter.example === null && hasValue(value)) counter.example = exampleOf(value);
          if (r.kind === 'unmapped') out[name] = value;
          continue;
        }
        if (slotStamp[slot] !== stamp) {
          slotStamp[slot] = stamp;
          slotFrom[slot] = name;
          slotRank[slot] = r.rank;
          slotValue[slot] = value;
          order[set++] = slot;
          continue;
        }
        if (!hasValue(value)) continue;
        const current = { from: slotFrom[slot]!, value: slotValue[slot] };
        if (!hasValue(current.value)) {
          slotFrom[slot] = name;
          slotRank[slot] = r.rank;
          slotValue[slot] = value;
          continue;
        }
        const candidate = { from: name, value };
        const candidateWins = r.rank < slotRank[slot]!;
        const [winner, loser] = candidateWins ? [candidate, current] : [current, candidate];
        if (candidateWins) {
          slotFrom[slot] = name;
          slotRank[slot] = r.rank;
          slotValue[slot] = value;
        }
        const a = String(winner.value).trim();
        const b = String(loser.value).trim();
        if (a !== b) conflicts.add(`${r.ours}\0${winner.from}\0${loser.from}`, () => ({ field: r.ours, winner: winner.from, loser: loser.from, example: { winner: a, loser: b } }));
      }
      for (let k = 0; k < set; k++) {
        const slot = order[k]!;
        const ours = slotOurs[slot]!;
        const value = slotValue[slot];
        const v = typeof value === 'string' ? convertText(ours, slotKind[slot]!, value) : convert(ours, slotKind[slot]!, value);
        if (v !== OMIT) out[ours] = v;
      }
      for (const [field, value] of constants) {
        if (hasValue(out[field])) continue;
        out[field] = value;
        filled.add(field, () => ({ field, value: value as MappedValue }));
      }
      return out;
    },
    report() {
      return {
        role,
        features,
        mapped: [...mapped.entries.values()].map((e) => ({ ...e })),
        unmapped: unmapped.list(),
        ignored: ignored.list(),
        unmappedValues: [...badValues].map(([field, { count, values }]) => {
          const sorted = [...values].sort((a, b) => b[1] - a[1]);
          return { field, count, values: sorted.slice(0, maxValues).map(([value, n]) => ({ value, count: n })), moreValues: Math.max(0, sorted.length - maxValues) };
        }),
        translatedValues: translated.list(),
        conversions: conversions.list(),
        conflicts: conflicts.list(),
        constants: filled.list(),
      };
    },
  };
}
