import { describe, expect, it } from 'vitest';
import { floorsMentioned, hazardPins } from '../../src/viewer/panel/hazard-pins.ts';

describe('hazard pins in the close-up', () => {
  it('reads floors from Chinese and English findings', () => {
    expect(floorsMentioned('3层外墙空鼓，第5层阳台开裂')).toEqual([3, 5]);
    expect(floorsMentioned('cracks on floor 7')).toEqual([7]);
    expect(floorsMentioned('2F 燃气管锈蚀')).toEqual([2]);
    expect(floorsMentioned('外墙脱落')).toEqual([]);
  });

  it('pins a hazard at the one floor its newest record names, else nowhere', () => {
    const pins = hazardPins(
      ['外墙脱落', '结构裂缝', '燃气隐患'],
      [
        { date: '2024-01-01', hazards: ['外墙脱落'], findings: '2层外墙脱落' },
        { date: '2025-03-01', hazards: ['外墙脱落', '结构裂缝'], findings: '4层外墙空鼓，墙体开裂' },
        { date: '2025-04-01', hazards: ['燃气隐患'], findings: '3层和5层燃气管老化' },
      ],
      6,
    );
    expect(pins).toEqual([
      { hazard: '外墙脱落', floor: 4 },
      { hazard: '结构裂缝', floor: 4 },
      { hazard: '燃气隐患', floor: null },
    ]);
  });

  it('never pins above the roof', () => {
    expect(hazardPins(['结构裂缝'], [{ date: '2025-01-01', hazards: ['结构裂缝'], findings: '12层裂缝' }], 6)).toEqual([{ hazard: '结构裂缝', floor: null }]);
  });
});
