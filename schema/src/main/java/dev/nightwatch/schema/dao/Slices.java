package dev.nightwatch.schema.dao;

import java.util.ArrayList;
import java.util.List;

/** Long id lists cut into slices a statement can bind ({@code IN (…)} has a variable limit). */
final class Slices {
  static final int SIZE = 500;

  private Slices() {}

  static <T> List<List<T>> of(List<T> list) {
    List<List<T>> slices = new ArrayList<>();
    for (int i = 0; i < list.size(); i += SIZE) {
      slices.add(list.subList(i, Math.min(list.size(), i + SIZE)));
    }
    return slices;
  }
}
