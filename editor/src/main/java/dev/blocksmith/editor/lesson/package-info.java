/** Lessons: ordered steps stored in a graph file's {@code "lesson"} section, played beside it. */
package dev.blocksmith.editor.lesson;
