import { Migration20261123000001 } from './Migration20261123000001.js';
import { Migration20261123000002 } from './Migration20261123000002.js';
import { Migration20261123230000 } from './Migration20261123230000.js';

/** Every migration, in order; applied at start-up. */
export const migrations = [
  { name: 'Migration20261123000001', class: Migration20261123000001 },
  { name: 'Migration20261123000002', class: Migration20261123000002 },
  { name: 'Migration20261123230000', class: Migration20261123230000 },
];
