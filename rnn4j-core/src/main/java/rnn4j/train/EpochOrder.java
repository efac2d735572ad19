package rnn4j.train;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.data.PaddedBatch;

/**
 * The order of mini-batches over epochs of a fixed set of examples: every epoch draws a fresh shuffle of batches from
 * one {@link SplitMix} stream. Its state is four numbers (epochs done, position in the epoch, the generator's state
 * before the epoch's shuffle and now), so a resumed run rebuilds the interrupted epoch's batches and continues with
 * exactly the batches it would have had. Other draws from the same generator between batches (teacher-forcing coins)
 * are kept too, since its state is saved as it stands.
 *
 * @param <T> a batch: row indices ({@link #buckets}) or a ready batch
 */
public final class EpochOrder<T> {
    private final Function<SplitMix, List<T>> shuffle;
    private final SplitMix rng;
    private long shuffleState; // the generator before the current epoch's shuffle, to rebuild its batches on resume
    private List<T> batches;
    private int position;
    private long epochs;

    /** @param shuffle one epoch's batches, in order, drawn from the generator it is given */
    public EpochOrder(Function<SplitMix, List<T>> shuffle, SplitMix rng) {
        this.shuffle = shuffle;
        this.rng = rng;
    }

    /**
     * Batches of row indices bucketed by length ({@link PaddedBatch#buckets}), so each holds similar lengths.
     *
     * @param lengths   the length of every example (all equal when length does not matter)
     * @param batchSize rows per batch (the last of a bucket may have fewer)
     */
    public static EpochOrder<int[]> buckets(int[] lengths, int batchSize, SplitMix rng) {
        Check.argument(lengths.length >= 1, "EpochOrder.buckets: there must be at least one example, got none");
        Check.argument(batchSize >= 1, "EpochOrder.buckets: batchSize must be >= 1, got %s", batchSize);
        int[] copy = lengths.clone();
        return new EpochOrder<>(r -> PaddedBatch.buckets(copy, batchSize, r), rng);
    }

    /** The next batch; a new epoch (a new shuffle) starts when the current one is used up. */
    public T next() {
        if (batches == null || position == batches.size()) {
            if (batches != null) epochs++;
            shuffleState = rng.state();
            batches = shuffle.apply(rng);
            position = 0;
        }
        return batches.get(position++);
    }

    /** Epochs done, with the fraction of the current one. */
    public double epoch() {
        return batches == null ? 0 : epochs + (double) position / batches.size();
    }

    /** True when the batch {@link #next} returned last was the last of its epoch. */
    public boolean epochEnded() {
        return batches != null && position == batches.size();
    }

    /** Adds the state to progress-file metadata. */
    void save(Map<String, String> meta) {
        meta.put("epochs", Long.toString(epochs));
        meta.put("position", Integer.toString(batches == null ? -1 : position));
        meta.put("shuffleState", Long.toString(shuffleState));
        meta.put("rngState", Long.toString(rng.state()));
    }

    /** Restores the state {@link #save} wrote; the examples and batch size must be those of the saved run. */
    void restore(ProgressFile progress) {
        epochs = progress.number("epochs");
        int pos = Math.toIntExact(progress.number("position"));
        shuffleState = progress.number("shuffleState");
        if (pos >= 0) {
            rng.setState(shuffleState);
            batches = shuffle.apply(rng);
            Check.state(pos <= batches.size(), "EpochOrder.restore: position %s must be within the epoch's %s "
                    + "batches; resume with the same data and batch size", pos, batches.size());
            position = pos;
        } else {
            batches = null;
        }
        rng.setState(progress.number("rngState"));
    }
}
