package rnn4j.train;

import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.data.PaddedBatch;

/**
 * The order of mini-batches over epochs of a fixed set of examples: every epoch buckets the rows by length with a
 * fresh shuffle ({@link PaddedBatch#buckets}) drawn from one {@link SplitMix} stream. Its state is four numbers
 * (epochs done, position in the epoch, the generator's state before the epoch's shuffle and now), so a resumed run
 * rebuilds the interrupted epoch's batches and continues with exactly the batches it would have had.
 */
public final class EpochOrder {
    private final int[] lengths;
    private final int batchSize;
    private final SplitMix rng;
    private long shuffleState; // the generator before the current epoch's shuffle, to rebuild its batches on resume
    private List<int[]> batches;
    private int position;
    private long epochs;

    /**
     * @param lengths   the length of every example (all equal when length does not matter)
     * @param batchSize rows per batch (the last of a bucket may have fewer)
     * @param rng       the shuffling stream
     */
    public EpochOrder(int[] lengths, int batchSize, SplitMix rng) {
        Check.argument(lengths.length >= 1, "EpochOrder: there must be at least one example, got none");
        Check.argument(batchSize >= 1, "EpochOrder: batchSize must be >= 1, got %s", batchSize);
        this.lengths = lengths.clone();
        this.batchSize = batchSize;
        this.rng = rng;
    }

    /** The rows of the next batch; a new epoch (a new shuffle) starts when the current one is used up. */
    public int[] next() {
        if (batches == null || position == batches.size()) {
            if (batches != null) epochs++;
            shuffleState = rng.state();
            batches = PaddedBatch.buckets(lengths, batchSize, rng);
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
            batches = PaddedBatch.buckets(lengths, batchSize, rng);
            Check.state(pos <= batches.size(), "EpochOrder.restore: position %s must be within the epoch's %s "
                    + "batches; resume with the same data and batch size", pos, batches.size());
            position = pos;
        } else {
            batches = null;
        }
        rng.setState(progress.number("rngState"));
    }
}
