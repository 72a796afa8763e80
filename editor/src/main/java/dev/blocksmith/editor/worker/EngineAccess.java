package dev.blocksmith.editor.worker;

import dev.blocksmith.engine.exec.RunHandle;
import dev.blocksmith.engine.exec.RunListener;
import dev.blocksmith.engine.exec.RunOptions;
import dev.blocksmith.engine.graph.Graph;
import dev.blocksmith.engine.validate.Problem;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker's handle on the engine's {@code EngineSession}, looked up by name so that the editor
 * builds while the session is being written; its signatures are fixed by the engine's design.
 */
final class EngineAccess implements AutoCloseable {
  private final Object session;
  private final Method validate;
  private final Method start;
  private final Method close;

  private EngineAccess(Object session) throws NoSuchMethodException {
    this.session = session;
    Class<?> c = session.getClass();
    validate = c.getMethod("validate", Graph.class, Path.class);
    start = c.getMethod("start", Graph.class, Path.class, RunOptions.class, RunListener.class);
    close = c.getMethod("close");
  }

  /** Returns a session over the installed blocks writing runs under {@code runsRoot}. */
  static EngineAccess create(Path runsRoot) throws Exception {
    Class<?> c = Class.forName("dev.blocksmith.engine.session.EngineSession");
    Class<?> reg = Class.forName("dev.blocksmith.engine.registry.NodeRegistry");
    Object registry = reg.getMethod("loadDefault").invoke(null);
    Object s = c.getConstructor(reg, Path.class).newInstance(registry, runsRoot);
    return new EngineAccess(s);
  }

  @SuppressWarnings("unchecked")
  List<Problem> validate(Graph g, Path baseDir) throws Exception {
    return (List<Problem>) call(validate, g, baseDir);
  }

  RunHandle start(Graph g, Path baseDir, RunOptions options, RunListener l) throws Exception {
    return (RunHandle) call(start, g, baseDir, options, l);
  }

  @Override
  public void close() throws Exception {
    call(close);
  }

  private Object call(Method m, Object... args) throws Exception {
    try {
      return m.invoke(session, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }
}
