package org.forkreduce.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.forkreduce.Split;
import org.forkreduce.internal.spill.PartitionMerge;
import org.forkreduce.spi.CounterSet;
import org.forkreduce.stats.MemoryPeak;
import org.junit.jupiter.api.Test;

class FrameTest {

  /** Hands out at most {@code max} bytes per read, like a pipe under load. */
  static final class Trickle extends FilterInputStream {
    private final int max;

    Trickle(InputStream in, int max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, max));
    }
  }

  private static byte[] frames(List<Message> messages) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FrameOutput out = new FrameOutput(bytes);
    Codec codec = new Codec();
    for (Message m : messages) {
      codec.write(out, m);
    }
    return bytes.toByteArray();
  }

  @Test
  void hello_goldenBytes() throws IOException {
    // length 5; Kryo: class id 100 as varint 100 + 2 (0x66), a record header byte (01), then
    // the components in name order as zigzag varints: pid 4242 (a4 42), version 1 (02)
    assertThat(HexFormat.of().formatHex(frames(List.of(new Message.Hello(1, 4242)))))
        .isEqualTo("000000056601a44202");
  }

  @Test
  void heartbeat_goldenBytes() throws IOException {
    // length 2; Kryo: class id 120 as varint 120 + 2 (0x7a), a record header byte (01), and no
    // components: the smallest frame a worker sends, every few seconds while it is busy
    assertThat(HexFormat.of().formatHex(frames(List.of(new Message.Heartbeat()))))
        .isEqualTo("000000027a01");
  }

  @Test
  void frames_roundTripThroughTinyReads() throws IOException {
    CounterSet counters = new CounterSet();
    counters.add("records_read", 12);
    byte[] big = new byte[100_000];
    new Random(1).nextBytes(big);
    List<Message> sent = List.of(
        new Message.Hello(Protocol.VERSION, 99),
        new Message.Define(3, big),
        new Message.Call(7, 3, new byte[0]),
        new Message.StartJob(8, 1, new byte[] {1, 2}, "/tmp/x", 64),
        new Message.MapSplit(9, 1, new Split("/data/é.txt", 10, 20, 40, false)),
        new Message.Flush(10, 1, 4, "/tmp/x/p"),
        new Message.Merge(11, 1, new ArrayList<>(List.of("/a", "/b")), "/c"),
        new Message.EndJob(1),
        new Message.Reply(12, new Object[] {1L, "two", null}),
        new Message.Failed(13, RemoteFailure.of(new IllegalStateException("boom")), "item 1"),
        new Message.Flushed(new long[] {1, 2}, counters, new ArrayList<>(List.of("/r")), 5,
            new MemoryPeak("worker 0", 1, 2)),
        new Message.MapOutput(new Object[] {"k", 1L}, counters),
        new Message.Heartbeat(),
        new Message.MergePartition(14, 1, new ArrayList<>(List.of("/a-3")), "/o"),
        new Message.PartitionMerged(new PartitionMerge.Reduced(new ArrayList<>(List.of("/o-0")),
            3, 100), new MemoryPeak("worker 1", 7, -1)));
    byte[] bytes = frames(sent);
    for (int chunk : new int[] {1, 2, 3, 7, 4096}) {
      FrameInput in = new FrameInput(new Trickle(new ByteArrayInputStream(bytes), chunk));
      Codec codec = new Codec();
      List<Message> received = new ArrayList<>();
      for (Message m = codec.read(in); m != null; m = codec.read(in)) {
        received.add(m);
      }
      assertThat(received).hasSize(sent.size());
      assertThat(received.get(1)).isInstanceOfSatisfying(Message.Define.class,
          d -> assertThat(d.function()).isEqualTo(big));
      assertThat(received.get(4)).isEqualTo(sent.get(4));
      assertThat(received.get(6)).isEqualTo(sent.get(6));
      assertThat(received.subList(13, 15)).isEqualTo(sent.subList(13, 15));
      assertThat(((Message.Flushed) received.get(10)).runs()).containsExactly("/r");
      assertThat(((Object[]) ((Message.Reply) received.get(8)).value()))
          .containsExactly(1L, "two", null);
      assertThat(((Message.Failed) received.get(9)).failure().message()).isEqualTo("boom");
      assertThat(((Message.Flushed) received.get(10)).counters().snapshot().get("records_read"))
          .isEqualTo(12);
      assertThat(received.get(12)).isEqualTo(new Message.Heartbeat());
    }
  }

  @Test
  void read_truncatedFrame_failsAsEof() throws IOException {
    byte[] bytes = frames(List.of(new Message.EndJob(5)));
    FrameInput in = new FrameInput(new ByteArrayInputStream(bytes, 0, bytes.length - 1));
    assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
  }

  @Test
  void read_foreignBytes_failsNamingThem() {
    FrameInput in = new FrameInput(new ByteArrayInputStream("Terminating due to".getBytes()));
    assertThatThrownBy(in::read).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("54 65 72 6d").hasMessageContaining("stdout");
  }

  @Test
  void remoteFailure_rebuildsTraceAndCauses() {
    Exception original = new IllegalStateException("outer", new java.io.IOException("inner"));
    var e = RemoteFailure.of(original).toException("worker 1 (pid 2)", "split x");
    assertThat(e.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(e.getStackTrace()).hasSameSizeAs(original.getStackTrace());
    for (int i = 0; i < e.getStackTrace().length; i++) {
      StackTraceElement a = e.getStackTrace()[i];
      StackTraceElement b = original.getStackTrace()[i];
      assertThat(a.getClassName() + a.getMethodName() + a.getFileName() + a.getLineNumber())
          .isEqualTo(b.getClassName() + b.getMethodName() + b.getFileName() + b.getLineNumber());
    }
    assertThat(e.getMessage()).contains("outer").contains("worker 1 (pid 2)").contains("split x");
    assertThat(e.getCause()).hasMessageContaining("java.io.IOException: inner");
  }
}
