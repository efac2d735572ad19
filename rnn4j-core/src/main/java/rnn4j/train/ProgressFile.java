package rnn4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import rnn4j.base.SplitMix;
import rnn4j.io.Checkpoint;
import rnn4j.io.CheckpointException;
import rnn4j.io.SafeTensors;
import rnn4j.optim.LrSchedule;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Tensor;

/**
 * A {@code *.train.safetensors} file read back for a resume: tensors grouped by prefix ({@code optimizer.},
 * {@code schedule.}) and whole-number metadata entries, each missing or malformed entry an error naming the file,
 * the entry and the command that writes such files.
 */
final class ProgressFile {
    private final Path file;
    private final String writer;
    private final SafeTensors.Contents contents;

    private ProgressFile(Path file, String writer, SafeTensors.Contents contents) {
        this.file = file;
        this.writer = writer;
        this.contents = contents;
    }

    /** Reads {@code file}; {@code writer} names the command that writes it (for error messages). */
    static ProgressFile read(Path file, String writer) {
        return new ProgressFile(file, writer, SafeTensors.read(file));
    }

    /** All metadata entries. */
    Map<String, String> metadata() {
        return contents.metadata();
    }

    /** A whole-number metadata entry. */
    long number(String key) {
        String v = contents.metadata().get(key);
        if (v == null) {
            throw new CheckpointException("ProgressFile: " + file + " must have metadata '" + key + "', got none; is "
                    + "it a *.train.safetensors file of " + writer + "?");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new CheckpointException("ProgressFile: metadata '" + key + "' of " + file + " must be a whole "
                    + "number, got '" + v + "'", e);
        }
    }

    /** The tensors whose names start with {@code prefix}, with the prefix removed. */
    Map<String, Tensor> prefixed(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        contents.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    /** The tensor called {@code name}, or {@code null}. */
    Tensor tensorOrNull(String name) {
        return contents.tensors().get(name);
    }

    /**
     * Writes the progress of a trainer that draws batches from fixed examples in an {@link EpochOrder}: optimizer
     * state ({@code optimizer.*}), schedule state ({@code schedule.*}, when there is a schedule) and, in metadata,
     * the step, the dropout generator's state, the batch order and {@code extra}.
     */
    static void write(Path file, Optimizer optimizer, LrSchedule schedule, long step, SplitMix dropout,
                      EpochOrder<?> order, Map<String, String> extra) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        if (schedule != null) schedule.stateDict().forEach((k, v) -> tensors.put("schedule." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", Checkpoint.FORMAT);
        meta.put("step", Long.toString(step));
        meta.put("dropoutState", Long.toString(dropout.state()));
        order.save(meta);
        meta.putAll(extra);
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Restores what {@link #write} wrote into the optimizer, the schedule (if any), the dropout generator and the
     * order; returns the step.
     */
    long restore(Optimizer optimizer, LrSchedule schedule, SplitMix dropout, EpochOrder<?> order) {
        long step = number("step");
        dropout.setState(number("dropoutState"));
        order.restore(this);
        optimizer.loadStateDict(prefixed("optimizer."));
        if (schedule != null) schedule.loadStateDict(prefixed("schedule."));
        return step;
    }
}
