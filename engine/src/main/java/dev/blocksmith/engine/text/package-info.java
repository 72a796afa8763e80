/**
 * Plain-text renderings of values (reports, tables, image sets) shared by the CLI and the run
 * folder's files.
 */
package dev.blocksmith.engine.text;
