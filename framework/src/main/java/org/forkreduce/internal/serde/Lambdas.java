package org.forkreduce.internal.serde;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * What a serializable lambda is made of, for messages and class-path checks: the class that wrote
 * it and the values it captured. A lambda's own class is a hidden class named like {@code
 * App$$Lambda$2/0x...}, which says nothing to its author.
 */
public final class Lambdas {
  private Lambdas() {}

  /** The lambda's serial form, or empty when {@code value} is not a serializable lambda. */
  public static Optional<SerializedLambda> serialized(Object value) {
    Class<?> type = value.getClass();
    if (!type.isSynthetic()) {
      return Optional.empty();
    }
    try {
      Method writeReplace = type.getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      return writeReplace.invoke(value) instanceof SerializedLambda s ? Optional.of(s)
          : Optional.empty();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The binary name of the class whose code holds the lambda. */
  public static String capturingClass(SerializedLambda lambda) {
    return lambda.getCapturingClass().replace('/', '.');
  }
}
