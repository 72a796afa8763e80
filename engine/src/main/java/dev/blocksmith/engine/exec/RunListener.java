package dev.blocksmith.engine.exec;

/** Receives the events of a run. Called from engine threads; must be quick and thread-safe. */
@FunctionalInterface
public interface RunListener {

  /** Handles one event. */
  void onEvent(RunEvent event);
}
