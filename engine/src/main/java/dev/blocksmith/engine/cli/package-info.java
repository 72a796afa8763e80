/**
 * The headless command line: {@code run}, {@code validate}, {@code blocks}, {@code explain}. It
 * never touches AWT, so it works on servers without a display.
 */
package dev.blocksmith.engine.cli;
