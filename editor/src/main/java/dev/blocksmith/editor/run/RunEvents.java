package dev.blocksmith.editor.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.exec.RunEvent;
import dev.blocksmith.engine.validate.Problem;
import java.util.List;

/**
 * Receives what a backend reports. Called from backend threads; implementations marshal to the EDT.
 */
public interface RunEvents {

  /** The engine is ready on a device ("CPU (2 cores)"). */
  void ready(String device);

  /** A run event. */
  void event(RunEvent event);

  /** Validation found problems; the run did not start. */
  void problems(String runId, List<Problem> problems);

  /** A small preview of one output of a finished node. */
  void preview(String runId, String nodeId, String port, JsonNode preview);

  /** The backend died or failed; the run is over. */
  void lost(String runId, String message);
}
