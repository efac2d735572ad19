package rnn4j.data;

import rnn4j.base.Check;

/**
 * Truncated-BPTT batches over one long token sequence, as char-rnn and Zaremba et al. (2014) cut them.
 *
 * <p>The N ids are cut into {@code B} contiguous streams of {@code L = ⌊(N−1)/B⌋} inputs each (stream b starts at
 * token {@code b·L}; with B = 1 the single stream starts at the first token and covers all N−1 predictions). Segment s
 * holds inputs {@code [s·T, s·T + T)} of every stream and the targets one token later; the last segment of an epoch
 * is shorter when T does not divide L, so no prediction is dropped. The recurrent state is carried from one segment
 * to the next (detached) and reset where a new epoch starts, which {@link Segment#startsEpoch()} signals.
 *
 * <p>The position is a single step count, so a resumed run continues at exactly the same data ({@link #seek}).
 */
public final class TextStream {
    /** One batch: inputs and targets {@code (B, length)} row-major (batch-first), and whether the state resets. */
    public record Segment(int[] inputs, int[] targets, int batch, int length, boolean startsEpoch) {}

    private final int[] ids;
    private final int batch;
    private final int seq;
    private final int streamLength;
    private final int segmentsPerEpoch;
    private long step;

    /** Streams over {@code ids} with batch {@code batch} and segment length {@code seq}. */
    public TextStream(int[] ids, int batch, int seq) {
        Check.argument(batch >= 1, "TextStream: batch must be >= 1, got %s", batch);
        Check.argument(seq >= 1, "TextStream: seq must be >= 1, got %s", seq);
        // in long: a batch or seq near Integer.MAX_VALUE must not wrap around and pass the checks
        Check.argument(ids.length >= (long) batch + 1, "TextStream: the text must hold at least batch + 1 = %s tokens "
                + "to give every stream one prediction, got %s; use a smaller --batch or more text", (long) batch + 1,
                ids.length);
        this.ids = ids;
        this.batch = batch;
        this.seq = seq;
        this.streamLength = (ids.length - 1) / batch;
        this.segmentsPerEpoch = (int) ((streamLength + (long) seq - 1) / seq);
    }

    /** Inputs per stream and epoch ({@code L}). */
    public int streamLength() {
        return streamLength;
    }

    /** Segments in one pass over the streams. */
    public int segmentsPerEpoch() {
        return segmentsPerEpoch;
    }

    /** Predictions in one epoch, {@code B·L}. */
    public long predictionsPerEpoch() {
        return (long) batch * streamLength;
    }

    /** Segments taken so far (the resume position). */
    public long position() {
        return step;
    }

    /** Continues from a position returned by {@link #position()}. */
    public void seek(long position) {
        Check.argument(position >= 0, "TextStream.seek: position must be >= 0, got %s", position);
        this.step = position;
    }

    /** Completed epochs plus the fraction of the current one. */
    public double epochs() {
        return (double) step / segmentsPerEpoch;
    }

    /** The next segment; after the last one of an epoch, the streams start again from their beginnings. */
    public Segment next() {
        int s = (int) (step % segmentsPerEpoch);
        int start = s * seq;
        int length = Math.min(seq, streamLength - start);
        int[] inputs = new int[batch * length];
        int[] targets = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            int from = b * streamLength + start;
            System.arraycopy(ids, from, inputs, b * length, length);
            System.arraycopy(ids, from + 1, targets, b * length, length);
        }
        step++;
        return new Segment(inputs, targets, batch, length, s == 0);
    }
}
