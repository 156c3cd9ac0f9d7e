/**
 * Where to pin a building's hazard items in the close-up. The archive records hazard
 * items per appraisal or inspection without a structured floor; an inspector's
 * findings often name one ("3层外墙空鼓", "5F", "floor 7"). A hazard gets that floor
 * when the newest record listing it names exactly one floor; otherwise it has none
 * and is listed, not pinned at a guessed height.
 */
export interface HazardPin {
  hazard: string;
  /** 1-based floor, or null when the data does not say. */
  floor: number | null;
}

interface RecordWithHazards {
  date: string;
  hazards: readonly string[];
  findings?: string;
}

const FLOOR_PATTERNS = [/(\d{1,3})\s*(?:层|楼|F\b)/gi, /\b(?:floor|storey)\s*(\d{1,3})/gi, /第\s*(\d{1,3})\s*层/g];

/** The floors a text names (1-based), deduplicated. */
export function floorsMentioned(text: string): number[] {
  const floors = new Set<number>();
  for (const pattern of FLOOR_PATTERNS) for (const m of text.matchAll(pattern)) floors.add(Number(m[1]));
  return [...floors].filter((n) => n >= 1);
}

export function hazardPins(current: readonly string[], records: readonly RecordWithHazards[], floors: number | null): HazardPin[] {
  const newestFirst = [...records].sort((a, b) => b.date.localeCompare(a.date));
  return current.map((hazard) => {
    const source = newestFirst.find((r) => r.hazards.includes(hazard));
    const named = source?.findings ? floorsMentioned(source.findings) : [];
    const floor = named.length === 1 ? named[0]! : null;
    return { hazard, floor: floor !== null && (floors === null || floor <= floors) ? floor : null };
  });
}
