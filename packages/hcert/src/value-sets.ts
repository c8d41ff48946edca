// The EU DCC value sets (../valuesets, Apache-2.0, from the DCC schema release), imported so the browser needs no fs.
import countries from '../valuesets/country-2-codes.json' with { type: 'json' };
import diseases from '../valuesets/disease-agent-targeted.json' with { type: 'json' };
import testManufacturers from '../valuesets/test-manf.json' with { type: 'json' };
import testResults from '../valuesets/test-result.json' with { type: 'json' };
import testTypes from '../valuesets/test-type.json' with { type: 'json' };
import vaccineManufacturers from '../valuesets/vaccine-mah-manf.json' with { type: 'json' };
import vaccineProducts from '../valuesets/vaccine-medicinal-product.json' with { type: 'json' };
import vaccineProphylaxis from '../valuesets/vaccine-prophylaxis.json' with { type: 'json' };

export interface ValueSetEntry {
  display: string;
  active: boolean;
}

/** Codes of one value set, with their English display names. */
export type ValueSet = Readonly<Record<string, ValueSetEntry>>;

interface ValueSetFile {
  valueSetValues: Record<string, { display: string; active: boolean }>;
}

function entries(file: ValueSetFile): ValueSet {
  return Object.fromEntries(
    Object.entries(file.valueSetValues).map(([code, value]) => [
      code,
      { display: value.display, active: value.active },
    ]),
  );
}

/** The value sets by the payload field they fill. `testManufacturer` is the EU example list of rapid tests. */
export const VALUE_SETS = {
  /** tg */
  disease: entries(diseases),
  /** v.vp */
  vaccineProphylaxis: entries(vaccineProphylaxis),
  /** v.mp */
  vaccineProduct: entries(vaccineProducts),
  /** v.ma */
  vaccineManufacturer: entries(vaccineManufacturers),
  /** t.tt */
  testType: entries(testTypes),
  /** t.ma */
  testManufacturer: entries(testManufacturers),
  /** t.tr */
  testResult: entries(testResults),
  /** co */
  country: entries(countries),
} as const satisfies Record<string, ValueSet>;

export type ValueSetName = keyof typeof VALUE_SETS;

/** The display name of a code, or the code itself when the value set does not know it. */
export function valueSetDisplay(name: ValueSetName, code: string): string {
  return VALUE_SETS[name][code]?.display ?? code;
}
