package id.sertiflow.engine;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Many items taken a chunk at a time, each chunk in one go (one transaction, one
 * {@link EngineBatch} command: one commit instead of one per item is most of what makes a batch
 * fast), and one by one whatever a chunk cannot take together: the items a chunk passes over, or
 * the whole chunk when it was rolled back. Intake's batches, the callbacks' inbox and the
 * application of their events work this way.
 */
public final class InChunks {

  private InChunks() {}

  /**
   * @param chunkSize items per chunk; 1 (or less) takes every item alone
   * @param together takes a chunk of two or more, and answers the items left to take alone, in
   *     order (all of them when the chunk failed and was rolled back, none when all went in)
   * @param alone takes one item
   */
  public static <T> void take(List<T> items, int chunkSize, Function<List<T>, List<T>> together,
      Consumer<T> alone) {
    int size = Math.max(1, chunkSize);
    for (int from = 0; from < items.size(); from += size) {
      List<T> chunk = items.subList(from, Math.min(items.size(), from + size));
      (chunk.size() > 1 ? together.apply(chunk) : chunk).forEach(alone);
    }
  }
}
