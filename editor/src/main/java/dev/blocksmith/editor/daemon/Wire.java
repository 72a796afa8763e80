package dev.blocksmith.editor.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The background process's protocol over its socket. The client sends one request: {@link #MAGIC},
 * {@link #VERSION}, the kind ({@code run}, {@code status}, {@code stop}), the key, its working
 * directory, whether its output is a terminal, its {@code BLOCKSMITH_*} variables and its
 * arguments. The server answers with frames: a tag byte, then for {@link #OUT} and {@link #ERR} a
 * length and that many bytes of output, for {@link #EXIT} the exit code (the last frame), for
 * {@link #REFUSED} and {@link #TEXT} one string. A client that closes its end cancels the run.
 */
final class Wire {
  static final int MAGIC = 0x42534d44; // "BSMD"
  static final int VERSION = 1;
  static final byte OUT = 1;
  static final byte ERR = 2;
  static final byte EXIT = 3;
  static final byte REFUSED = 4;
  static final byte TEXT = 5;

  /** The longest string or frame either side accepts (a damaged stream fails, not allocates). */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private Wire() {}

  /** One request. */
  record Request(
      String kind,
      String key,
      String cwd,
      boolean terminal,
      Map<String, String> env,
      List<String> args) {}

  static void write(DataOutputStream out, Request r) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    writeString(out, r.kind());
    writeString(out, r.key());
    writeString(out, r.cwd());
    out.writeBoolean(r.terminal());
    out.writeInt(r.env().size());
    for (var e : r.env().entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
    out.writeInt(r.args().size());
    for (String a : r.args()) {
      writeString(out, a);
    }
    out.flush();
  }

  static Request read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a Blocksmith request of this version");
    }
    String kind = readString(in);
    String key = readString(in);
    String cwd = readString(in);
    boolean terminal = in.readBoolean();
    int n = count(in.readInt());
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      env.put(readString(in), readString(in));
    }
    int m = count(in.readInt());
    List<String> args = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      args.add(readString(in));
    }
    return new Request(kind, key, cwd, terminal, env, args);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in), StandardCharsets.UTF_8);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > MAX_BYTES) {
      throw new IOException("a frame of " + len + " bytes");
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return b;
  }

  private static int count(int n) throws IOException {
    if (n < 0 || n > 10_000) {
      throw new IOException("a list of " + n + " items");
    }
    return n;
  }

  /**
   * Returns a stream reading from the channel. Not {@code Channels.newInputStream}: its blocking
   * read holds the channel's blocking lock, which {@code Channels.newOutputStream} needs too, so a
   * read waiting for the client to go away would block every write of the run's output.
   */
  static InputStream in(SocketChannel ch) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        return ch.read(ByteBuffer.wrap(b, off, len));
      }
    };
  }

  /** Returns a stream writing to the channel (see {@link #in}). */
  static OutputStream out(SocketChannel ch) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    };
  }

  /** Output that goes to the other side as frames of one tag (thread-safe with its siblings). */
  static final class FrameStream extends OutputStream {
    private final DataOutputStream out;
    private final byte tag;

    FrameStream(DataOutputStream out, byte tag) {
      this.out = out;
      this.tag = tag;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      synchronized (out) {
        out.writeByte(tag);
        out.writeInt(len);
        out.write(b, off, len);
        out.flush();
      }
    }
  }
}
