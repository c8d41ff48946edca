import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canReceiveLiveEvent } from './help.policy.ts';

const citizen: Actor = { id: 'u-citizen', role: 'citizen', missions: [] };
const otherCitizen: Actor = { id: 'u-other', role: 'citizen', missions: [] };
const officerUs: Actor = { id: 'u-us', role: 'consular_officer', missions: ['US-WAS'] };
const officerJp: Actor = { id: 'u-jp', role: 'consular_officer', missions: ['JP-TYO'] };
const agent: Actor = { id: 'u-agent', role: 'hotline_agent', missions: [] };
const auditor: Actor = { id: 'u-audit', role: 'auditor', missions: [] };

const event = (visibility: 'internal' | 'citizen') => ({
  missionCode: 'US-WAS',
  reporterUserId: citizen.id,
  visibility,
});

describe('canReceiveLiveEvent', () => {
  it('tells the reporting citizen only what is shown to them', () => {
    expect(canReceiveLiveEvent(citizen, event('citizen'))).toBe(true);
    expect(canReceiveLiveEvent(citizen, event('internal'))).toBe(false);
  });

  it('tells no other citizen anything', () => {
    expect(canReceiveLiveEvent(otherCitizen, event('citizen'))).toBe(false);
  });

  it('tells staff of the mission and the hotline every event, other missions and other roles nothing', () => {
    expect(canReceiveLiveEvent(officerUs, event('internal'))).toBe(true);
    expect(canReceiveLiveEvent(agent, event('internal'))).toBe(true);
    expect(canReceiveLiveEvent(officerJp, event('citizen'))).toBe(false);
    expect(canReceiveLiveEvent(auditor, event('citizen'))).toBe(false);
    expect(canReceiveLiveEvent(null, event('citizen'))).toBe(false);
  });
});
