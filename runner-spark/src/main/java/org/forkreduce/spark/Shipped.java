package org.forkreduce.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.Objects;
import org.forkreduce.spi.Payloads;

/**
 * A user key or value on its way through Spark: equal and hashed as the value itself, and written
 * as the value's Kryo 5 bytes whichever serializer Spark uses, so user classes need not implement
 * {@link java.io.Serializable}. Spark's Java serializer calls {@link Externalizable}; Spark's
 * {@code KryoSerializer} (Kryo 4, package {@code com.esotericsoftware.kryo}) calls {@link
 * KryoSerializable}. Our Kryo 5 lives in {@code com.esotericsoftware.kryo.kryo5}, so the two
 * coexist on one class path.
 */
public final class Shipped<T> implements Externalizable, KryoSerializable {
  private static final long serialVersionUID = 1L;

  private T value;

  /** For the serializers only. */
  public Shipped() {}

  Shipped(T value) {
    this.value = value;
  }

  T value() {
    return value;
  }

  @Override
  public void writeExternal(ObjectOutput out) throws IOException {
    byte[] bytes = Payloads.toBytes(value);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  public void readExternal(ObjectInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    value = Payloads.fromBytes(bytes);
  }

  @Override
  public void write(Kryo kryo, Output output) {
    byte[] bytes = Payloads.toBytes(value);
    output.writeInt(bytes.length, true);
    output.writeBytes(bytes);
  }

  @Override
  public void read(Kryo kryo, Input input) {
    value = Payloads.fromBytes(input.readBytes(input.readInt(true)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shipped<?> other && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
