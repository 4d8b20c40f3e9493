/** Bench section: whole commands on a generated tree of 1_000_000 entries (see cli.mjs). */
import { cliSection } from './cli.mjs';

export default cliSection(1_000_000, { optIn: true });
