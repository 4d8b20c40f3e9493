/** The HTML site (dist/site/): see issue 5. Writes nothing until implemented. */
import type { Emitter } from '../types.js';

export const siteEmitter: Emitter = {
  name: 'site',
  async emit() {
    return [];
  },
};
