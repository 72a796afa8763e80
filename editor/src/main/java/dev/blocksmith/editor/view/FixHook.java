package dev.blocksmith.editor.view;

import dev.blocksmith.engine.value.Fix;

/** What the results view asks of the editor to apply a finding's change with one click. */
public interface FixHook {
  /** Returns whether the change fits the open pipeline. */
  boolean canApply(String nodeId, Fix fix);

  /** Applies the change as one undo step. */
  void apply(String nodeId, Fix fix);

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
