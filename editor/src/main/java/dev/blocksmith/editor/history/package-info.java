/** The Runs window: the run history listed, compared side by side and reopened. */
package dev.blocksmith.editor.history;
