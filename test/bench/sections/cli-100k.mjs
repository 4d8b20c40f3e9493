/** Bench section: whole commands on a generated tree of 100_000 entries (see cli.mjs). */
import { cliSection } from './cli.mjs';

export default cliSection(100_000);
