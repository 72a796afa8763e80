/**
 * The run history: the run folders' {@code run.json} files read back, compared side by side and
 * reopened, for {@code blocksmith runs} and the editor's Runs window.
 */
package dev.blocksmith.engine.history;
