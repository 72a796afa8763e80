package dev.blocksmith.editor.view;

import dev.blocksmith.engine.value.Fix;

/**
 * What the results view asks of the editor: to apply a finding's change with one click, and to open
 * the help at a metric's entry.
 */
public interface FixHook {
  /** Returns whether the change fits the open pipeline. */
  boolean canApply(String nodeId, Fix fix);

  /** Applies the change as one undo step. */
  void apply(String nodeId, Fix fix);

  /** Opens the help at {@code key} ("metric:r2"); does nothing unless the editor has help. */
  default void openHelp(String key) {}

  /** A hook that applies nothing. */
  FixHook NONE =
      new FixHook() {
        @Override
        public boolean canApply(String nodeId, Fix fix) {
          return false;
        }

        @Override
        public void apply(String nodeId, Fix fix) {}
      };
}
