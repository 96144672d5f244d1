/**
 * The revision graph: pure, no IO. Build a graph from the headers the script directory
 * read, resolve identifiers, and plan upgrades, downgrades and stamps as ordered steps with
 * their exact version-table changes.
 */
export { buildGraph } from './build.js'
export { RevisionGraph } from './graph.js'
export { appliedRevisions, currentRevisions, pinTarget, resolveRevision, resolveRevisions } from './identifiers.js'
export { planUpgrade } from './plan-upgrade.js'
export { planDowngrade } from './plan-downgrade.js'
export { planStamp, type StampOptions } from './plan-stamp.js'
export { applyVersionChanges } from './version-rows.js'
export { findPhantoms, planPhantomRemoval, type Phantom } from './phantoms.js'
export { parseHistoryRange, parseRange, walkHistory, type HistoryBounds } from './history.js'
export type { RevisionHeader, RevisionRange, StampStep, Step, VersionRowChange } from './types.js'
export type { PinnedTarget } from './targets.js'
