import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../lib/offline-queue.ts';
import {
  checkDraft,
  type Draft,
  EMPTY_DRAFT,
  fileProblem,
  fromBody,
  MAX_FILE_BYTES,
  toBody,
  toE164,
} from './help-request.model.ts';

// The checks a help request passes on the phone before it is queued: a request that waits offline for hours must
// not be refused for a typo when it finally arrives.

const complete: Draft = {
  ...EMPTY_DRAFT,
  category: 'accident',
  urgency: 'urgent',
  who: 'self',
  subjectName: 'ZHANG SANFENG',
  contactPhone: '+1 404 555 0100',
  description: 'Broken leg after a fall.',
  country: 'US',
};

function file(name: string, type: string, size: number): File {
  return new File([new Uint8Array(size)], name, { type });
}

describe('checkDraft', () => {
  it('accepts a complete request', () => {
    expect(checkDraft(complete, [])).toEqual({});
  });

  it('names every missing answer, in the words of the error messages', () => {
    expect(checkDraft(EMPTY_DRAFT, [])).toEqual({
      category: 'categoryMissing',
      urgency: 'urgencyMissing',
      who: 'whoMissing',
      country: 'countryMissing',
      description: 'descriptionMissing',
      contactPhone: 'contactPhoneMissing',
    });
  });

  it('asks for the relation and their name when the request is for someone else', () => {
    const found = checkDraft({ ...complete, who: 'other', subjectName: ' ' }, []);
    expect(found.relation).toBe('relationMissing');
    expect(found.subjectName).toBe('subjectNameMissing');
  });

  it('refuses a typed town that was not chosen, and a consent without a position', () => {
    const found = checkDraft({ ...complete, cityText: 'Atlan', consent: true }, []);
    expect(found.city).toBe('cityNotChosen');
    expect(found.locate).toBe('locateMissing');
  });

  it('refuses a phone number that cannot be one', () => {
    expect(checkDraft({ ...complete, contactPhone: '12' }, []).contactPhone).toBe('phoneInvalid');
  });

  it('refuses a file over 10 MB or of another type, and more than five files', () => {
    expect(checkDraft(complete, [file('big.jpg', 'image/jpeg', MAX_FILE_BYTES + 1)]).files).toBe('fileTooBig');
    expect(checkDraft(complete, [file('tool.exe', 'application/x-msdownload', 10)]).files).toBe('fileType');
    const six = Array.from({ length: 6 }, (_, i) => file(`p${i}.png`, 'image/png', 10));
    expect(checkDraft(complete, six).files).toBe('filesTooMany');
  });
});

describe('fileProblem', () => {
  it('goes by the type, or by the name when the phone gives no type (HEIC on some browsers)', () => {
    expect(fileProblem(file('scan.pdf', 'application/pdf', 10))).toBeNull();
    expect(fileProblem(file('IMG_0001.HEIC', '', 10))).toBeNull();
    expect(fileProblem(file('notes.txt', 'text/plain', 10))).toBe('fileType');
    expect(fileProblem(file('exactly.png', 'image/png', MAX_FILE_BYTES))).toBeNull();
  });
});

describe('toE164', () => {
  it('reads international numbers with spaces and hyphens', () => {
    expect(toE164('+86 138-0013-8000', '')).toBe('+8613800138000');
  });

  it('reads a national number by the country of the place', () => {
    expect(toE164('(404) 555-0100', 'US')).toBe('+14045550100');
    expect(toE164('03-1234-5678', 'JP')).toBe('+81312345678');
  });

  it('gives null for what is not a phone number', () => {
    expect(toE164('', 'US')).toBeNull();
    expect(toE164('call me', 'US')).toBeNull();
  });
});

describe('toBody', () => {
  it('sends E.164 numbers, the relation only for someone else, and the town as the place name', () => {
    const body = toBody({
      ...complete,
      who: 'other',
      relation: 'child',
      subjectPhone: '+44 7700 900123',
      city: { id: 4180439, name: 'Atlanta', regionCode: 'US-GA' },
      cityText: 'Atlanta',
      region: 'US-GA',
    });
    expect(body).toEqual({
      category: 'accident',
      urgency: 'urgent',
      forSelf: false,
      reporterRelation: 'child',
      subjectName: 'ZHANG SANFENG',
      subjectPhone: '+447700900123',
      contactPhone: '+14045550100',
      description: 'Broken leg after a fall.',
      location: { country: 'US', region: 'US-GA', cityId: 4180439, label: 'Atlanta', source: 'search' },
    });
  });

  it('sends the position only with consent, and says where the place came from', () => {
    const point = { lat: 33.7527, lon: -84.3818 };
    expect(toBody({ ...complete, point, consent: false }).location).toEqual({ country: 'US', source: 'search' });
    expect(toBody({ ...complete, point, consent: true }).location).toEqual({
      country: 'US',
      lat: 33.7527,
      lon: -84.3818,
      preciseConsent: true,
      source: 'geolocation',
    });
    expect(toBody({ ...complete, fromRegistry: true }).location.source).toBe('registry');
  });

  it('round-trips through fromBody, so a refused request opens as it was written', () => {
    const draft: Draft = {
      ...complete,
      label: 'Grady Memorial Hospital',
      city: { id: 4180439, name: 'Atlanta', regionCode: 'US-GA' },
      cityText: 'Atlanta',
      region: 'US-GA',
      contactPhone: '+14045550100',
    };
    expect(fromBody(toBody(draft), 'Atlanta')).toEqual(draft);
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s up to 5 minutes, within ±25 % jitter', () => {
    expect(retryDelay(1, 0.5)).toBe(2_000);
    expect(retryDelay(2, 0.5)).toBe(4_000);
    expect(retryDelay(20, 0.5)).toBe(300_000);
    expect(retryDelay(1, 0)).toBe(1_500);
    expect(retryDelay(1, 1)).toBe(2_500);
  });
});
