// The DCC JSON schemas shipped with the package (../schemas, Apache-2.0), imported so the browser needs no fs.
import v1_0_0 from '../schemas/1.0.0/DGC.combined-schema.json' with { type: 'json' };
import v1_0_1 from '../schemas/1.0.1/DGC.combined-schema.json' with { type: 'json' };
import v1_1_0 from '../schemas/1.1.0/DGC.combined-schema.json' with { type: 'json' };
import v1_2_0 from '../schemas/1.2.0/DGC.combined-schema.json' with { type: 'json' };
import v1_2_1 from '../schemas/1.2.1/DCC.combined-schema.json' with { type: 'json' };
import v1_3_0 from '../schemas/1.3.0/DCC.combined-schema.json' with { type: 'json' };
import v1_3_1 from '../schemas/1.3.1/DCC.combined-schema.json' with { type: 'json' };
import v1_3_2 from '../schemas/1.3.2/DCC.combined-schema.json' with { type: 'json' };
import v1_3_3 from '../schemas/1.3.3/DCC.combined-schema.json' with { type: 'json' };

/** Schema objects by DCC version. */
export const BUNDLED_SCHEMAS: ReadonlyMap<string, object> = new Map<string, object>([
  ['1.0.0', v1_0_0],
  ['1.0.1', v1_0_1],
  ['1.1.0', v1_1_0],
  ['1.2.0', v1_2_0],
  ['1.2.1', v1_2_1],
  ['1.3.0', v1_3_0],
  ['1.3.1', v1_3_1],
  ['1.3.2', v1_3_2],
  ['1.3.3', v1_3_3],
]);
