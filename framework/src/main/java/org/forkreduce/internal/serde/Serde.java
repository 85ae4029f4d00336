package org.forkreduce.internal.serde;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.minlog.Log;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import java.lang.invoke.SerializedLambda;
import java.util.function.Supplier;
import org.forkreduce.NotShippableException;

/**
 * Kryo set up the one way the framework uses it: unregistered user classes allowed, serializable
 * lambdas supported, classes without a no-arg constructor instantiated without one. Kryo instances
 * are not thread-safe, so they come from a pool.
 */
public final class Serde {
  private static final Pool<Kryo> POOL = new Pool<>(true, false, 32) {
    @Override
    protected Kryo create() {
      return newKryo();
    }
  };

  /**
   * Kryo's closure serializer first tries private JDK reflection, which Java 17 denies without
   * {@code --add-opens}, logs a warning with a stack trace, and falls back to a path that needs
   * no such access. That fallback is the one we rely on, so the probe runs once, quietly.
   */
  private static final ClosureSerializer CLOSURES = quietly(ClosureSerializer::new);

  private Serde() {}

  private static <T> T quietly(Supplier<T> create) {
    int level = Log.TRACE ? Log.LEVEL_TRACE : Log.DEBUG ? Log.LEVEL_DEBUG
        : Log.INFO ? Log.LEVEL_INFO : Log.WARN ? Log.LEVEL_WARN
        : Log.ERROR ? Log.LEVEL_ERROR : Log.LEVEL_NONE;
    Log.set(Log.LEVEL_ERROR);
    try {
      return create.get();
    } finally {
      Log.set(level);
    }
  }

  /** A new Kryo configured for ForkReduce payloads. */
  public static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.register(ClosureSerializer.Closure.class, CLOSURES);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader != null) {
      kryo.setClassLoader(loader);
    }
    return kryo;
  }

  /** Serializes {@code value} (with its class) to bytes. */
  public static byte[] toBytes(Object value) {
    Kryo kryo = POOL.obtain();
    try (Output out = new Output(256, -1)) {
      kryo.writeClassAndObject(out, value);
      return out.toBytes();
    } finally {
      POOL.free(kryo);
    }
  }

  /** Reads a value written by {@link #toBytes}. */
  @SuppressWarnings("unchecked")
  public static <T> T fromBytes(byte[] bytes) {
    Kryo kryo = POOL.obtain();
    try (Input in = new Input(bytes)) {
      return (T) kryo.readClassAndObject(in);
    } finally {
      POOL.free(kryo);
    }
  }

  /**
   * Reads a value written by {@link #toBytes} from {@code like}. Classes are resolved as usual (the
   * thread context loader) unless that loader cannot see {@code like}'s class, as when an
   * application loads its job's classes with a loader of its own: then with that class's loader.
   */
  @SuppressWarnings("unchecked")
  private static <T> T fromBytes(byte[] bytes, T like) {
    Kryo kryo = POOL.obtain();
    ClassLoader usual = kryo.getClassLoader();
    kryo.setClassLoader(sees(usual, like.getClass().getClassLoader()) ? usual
        : like.getClass().getClassLoader());
    try (Input in = new Input(bytes)) {
      return (T) kryo.readClassAndObject(in);
    } finally {
      kryo.setClassLoader(usual);
      POOL.free(kryo);
    }
  }

  /** Whether {@code loader} delegates to {@code owner} (the boot loader's null included). */
  private static boolean sees(ClassLoader loader, ClassLoader owner) {
    for (ClassLoader l = loader; l != null; l = l.getParent()) {
      if (l == owner) {
        return true;
      }
    }
    return owner == null || owner == ClassLoader.getPlatformClassLoader();
  }

  /** A deep copy made by a serialization round trip: exactly what a worker process would get. */
  public static <T> T copy(T value) {
    return fromBytes(toBytes(value), value);
  }

  /**
   * Proves that {@code value} survives a round trip, before any work starts, and returns the copy.
   *
   * @param role what the value is, for the message ("mapper", "reducer", "function")
   * @throws NotShippableException naming the class and the field that failed
   */
  public static <T> T checkedCopy(T value, String role) {
    return fromBytes(checkedBytes(value, role), value);
  }

  /** Serializes {@code value} after proving that it survives a round trip. */
  public static byte[] checkedBytes(Object value, String role) {
    try {
      byte[] bytes = toBytes(value);
      fromBytes(bytes, value);
      return bytes;
    } catch (RuntimeException | StackOverflowError e) {
      throw Lambdas.serialized(value).map(lambda -> notShippable(lambda, role, e))
          .orElseGet(() -> new NotShippableException("The " + role + " ("
              + value.getClass().getName() + ") cannot be sent to a worker: "
              + firstLine(e.getMessage()) + trace(e) + ". Make every field it holds serializable"
              + " (or transient and set it in setup), and use a lambda, static nested or"
              + " top-level class rather than an anonymous or inner class that captures its"
              + " outer instance.", e));
    }
  }

  /** Names the lambda's enclosing class and the type of the first captured value that fails. */
  private static NotShippableException notShippable(SerializedLambda lambda, String role,
      Throwable e) {
    String captured = "";
    for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
      Object arg = lambda.getCapturedArg(i);
      if (arg != null && !survives(arg)) {
        captured = " it captures a " + arg.getClass().getName() + ", which cannot be serialized;";
        break;
      }
    }
    return new NotShippableException("The " + role + " (a lambda in "
        + Lambdas.capturingClass(lambda) + ") cannot be sent to a worker:" + captured + " "
        + firstLine(e.getMessage()) + trace(e) + ". Capture only serializable values, or make"
        + " the " + role + " a class that holds the value in a transient field set in setup.", e);
  }

  private static boolean survives(Object value) {
    try {
      fromBytes(toBytes(value), value);
      return true;
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String trace(Throwable e) {
    String message = e.getMessage();
    int at = message == null ? -1 : message.indexOf("Serialization trace:");
    return at < 0 ? "" : " (" + message.substring(at).replace('\n', ' ').trim() + ")";
  }
}
