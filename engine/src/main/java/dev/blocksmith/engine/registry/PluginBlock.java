package dev.blocksmith.engine.registry;

/**
 * A block whose code the engine does not vouch for (a plugin's). The executor runs it on a thread
 * of its own and watches it: on cancel or timeout the thread is interrupted and, if it does not
 * stop within a grace period, abandoned with a plain message, so a hang never holds a run.
 */
public interface PluginBlock {

  /** Returns where the block comes from, for messages ("pack 'Acme tools' (acme.jar)"). */
  String origin();
}
