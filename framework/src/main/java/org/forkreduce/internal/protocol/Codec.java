package org.forkreduce.internal.protocol;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import org.forkreduce.Split;
import org.forkreduce.internal.serde.Serde;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.MemoryPeak;

/**
 * Encodes and decodes messages with Kryo, the protocol's classes registered with fixed ids so that
 * both sides agree without sending class names. Not thread-safe: one per reader, one per writer.
 */
public final class Codec {
  private final Kryo kryo = Serde.newKryo();
  private final Output output = new Output(1 << 12, FrameInput.MAX_FRAME);
  private final Input input = new Input();

  public Codec() {
    int id = 100;
    for (Class<?> type : new Class<?>[] {Message.Hello.class, Message.Define.class,
        Message.Call.class, Message.StartJob.class, Message.MapSplit.class, Message.Flush.class,
        Message.Merge.class, Message.EndJob.class, Message.Reply.class, Message.Failed.class, Message.Flushed.class, Message.MapOutput.class,
        RemoteFailure.class, Split.class, CounterSet.class, String[].class, Object[].class,
        byte[].class, long[].class, ArrayList.class, Message.Heartbeat.class,
        Message.MergePartition.class, Message.PartitionMerged.class, PartitionMerge.Reduced.class,
        MemoryPeak.class}) {
      kryo.register(type, id++);
    }
  }

  /** Encodes a message into this codec's buffer; valid until the next call. */
  public Output encode(Message message) {
    output.reset();
    kryo.writeClassAndObject(output, message);
    return output;
  }

  /** Encodes and writes one message as a frame. */
  public void write(FrameOutput frames, Message message) throws java.io.IOException {
    Output out = encode(message);
    frames.write(out.getBuffer(), out.position());
  }

  /** Decodes a message from a frame's payload. */
  public Message decode(byte[] payload, int length) {
    input.setBuffer(payload, 0, length);
    Object o = kryo.readClassAndObject(input);
    if (!(o instanceof Message m)) {
      throw new ProtocolException("expected a protocol message, got "
          + (o == null ? "null" : o.getClass().getName()));
    }
    return m;
  }

  /** Reads and decodes the next frame; null at a clean end of input. */
  public Message read(FrameInput frames) throws java.io.IOException {
    int n = frames.read();
    return n < 0 ? null : decode(frames.buffer(), n);
  }
}
