/**
 * The in-process engine API that the editor and the CLI use: {@link
 * dev.blocksmith.engine.session.EngineSession}.
 */
package dev.blocksmith.engine.session;
