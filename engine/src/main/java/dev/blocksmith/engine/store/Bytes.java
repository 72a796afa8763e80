package dev.blocksmith.engine.store;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Little helpers to write and read the binary payloads of cache entries (big-endian). */
final class Bytes {
  private Bytes() {}

  /** A growing output buffer. */
  static final class Out {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
    private final ByteBuffer scratch = ByteBuffer.allocate(8);

    void writeInt(int v) {
      scratch.clear();
      buf.write(scratch.putInt(v).array(), 0, 4);
    }

    void writeLong(long v) {
      scratch.clear();
      buf.write(scratch.putLong(v).array(), 0, 8);
    }

    void writeByte(int v) {
      buf.write(v);
    }

    void writeBytes(byte[] b) {
      writeInt(b.length);
      buf.write(b, 0, b.length);
    }

    /** Writes a string, or null, as its UTF-8 length (-1 for null) and bytes. */
    void writeString(String s) {
      if (s == null) {
        writeInt(-1);
        return;
      }
      writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void writeDoubles(double[] v) {
      writeInt(v.length);
      ByteBuffer b = ByteBuffer.allocate(v.length * 8);
      b.asDoubleBuffer().put(v);
      buf.write(b.array(), 0, b.capacity());
    }

    void writeInts(int[] v) {
      writeInt(v.length);
      ByteBuffer b = ByteBuffer.allocate(v.length * 4);
      b.asIntBuffer().put(v);
      buf.write(b.array(), 0, b.capacity());
    }

    byte[] toByteArray() {
      return buf.toByteArray();
    }
  }

  /** Reads what {@link Out} wrote; every count is checked against the bytes that are left. */
  static final class In {
    private final ByteBuffer b;

    In(byte[] bytes) {
      this.b = ByteBuffer.wrap(bytes);
    }

    int readInt() {
      return b.getInt();
    }

    long readLong() {
      return b.getLong();
    }

    int readByte() {
      return b.get();
    }

    /** Returns a count that must fit in what is left at {@code unit} bytes each. */
    int readCount(int unit) {
      int n = b.getInt();
      if (n < 0 || (long) n * unit > b.remaining()) {
        throw new BufferUnderflowException();
      }
      return n;
    }

    byte[] readBytes() {
      byte[] out = new byte[readCount(1)];
      b.get(out);
      return out;
    }

    String readString() {
      int n = b.getInt();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > b.remaining()) {
        throw new BufferUnderflowException();
      }
      String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
      b.position(b.position() + n);
      return s;
    }

    double[] readDoubles() {
      double[] out = new double[readCount(8)];
      b.asDoubleBuffer().get(out);
      b.position(b.position() + out.length * 8);
      return out;
    }

    int[] readInts() {
      int[] out = new int[readCount(4)];
      b.asIntBuffer().get(out);
      b.position(b.position() + out.length * 4);
      return out;
    }

    boolean atEnd() {
      return !b.hasRemaining();
    }
  }
}
