package org.forkreduce.internal.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.forkreduce.Split;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One protocol message through the codec and a frame, each way: the cost of a pipe message.
 *
 * <p>Runs with JMH on the framework's test class path, as a benchmark of internals: {@code
 * ./mvnw -pl framework test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp framework/target/test-classes:framework/target/classes:$(cat framework/cp.txt)
 * org.openjdk.jmh.Main FrameBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameBenchmark {
  private final Codec codec = new Codec();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream(1 << 16);
  private final FrameOutput frames = new FrameOutput(sink);
  private Message mapSplit;
  private Message call;
  private byte[] encodedMapSplit;

  @Setup
  public void setUp() throws IOException {
    mapSplit = new Message.MapSplit(42, 1,
        new Split("/data/books/war-and-peace.txt", 64L << 20, 64L << 20, 1L << 30, false));
    call = new Message.Call(7, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codec.write(new FrameOutput(out), mapSplit);
    encodedMapSplit = out.toByteArray();
  }

  @Benchmark
  public int encodeMapSplit() throws IOException {
    sink.reset();
    codec.write(frames, mapSplit);
    return sink.size();
  }

  @Benchmark
  public int encodeCall() throws IOException {
    sink.reset();
    codec.write(frames, call);
    return sink.size();
  }

  @Benchmark
  public Message decodeMapSplit() throws IOException {
    return codec.read(new FrameInput(new ByteArrayInputStream(encodedMapSplit)));
  }
}
