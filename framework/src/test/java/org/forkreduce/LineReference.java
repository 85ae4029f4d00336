package org.forkreduce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The naive sequential reading that split reading must equal: decode all, cut at LF. */
public final class LineReference {
  private LineReference() {}

  public static List<String> lines(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int to = nl < 0 ? text.length() : nl;
      String line = text.substring(from, to);
      if (nl >= 0 && line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(line);
      from = to + 1;
    }
    return lines;
  }
}
