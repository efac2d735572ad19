package rnn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import rnn4j.data.Datasets;
import rnn4j.data.GeneratedTasks;
import rnn4j.data.ParallelText;
import rnn4j.data.Tokens;
import rnn4j.data.WordTokenizer;

/**
 * The sentence pairs behind {@code --data} of {@code rnn4j translate}: a generated task ({@code task:date},
 * {@code task:reverse}, {@code task:add}; characters), {@code multi30k} (official splits), {@code tatoeba-fra-eng} or
 * a tab-separated file (plain, gz or zip; words) whose source and target columns {@code --src} and {@code --tgt} name
 * by header or number (default: columns 1 and 2). Sets without an official split hold out pairs {@code i % 10 == 8}
 * for validation and {@code i % 10 == 9} for test, as the data README suggests.
 */
record TranslateData(String data, String src, String tgt, String tokens) {
    /** Pairs drawn per split of a generated task: the training size is an option, held-out sets are fixed. */
    static final int HELD_OUT_PAIRS = 1000;

    /** The data of the {@code --data}, {@code --src} and {@code --tgt} options, checked. */
    static TranslateData of(String data, String src, String tgt) {
        Usage.require(data != null, "--data is required: task:date|reverse|add, multi30k, tatoeba-fra-eng or a "
                + "tab-separated file of source<TAB>target lines");
        if (data.startsWith("task:")) {
            try {
                GeneratedTasks.Task.parse(data.substring(5));
            } catch (IllegalArgumentException e) {
                throw new ErrorReporting.UsageException("--data " + data + " names no generated task; use task:date, "
                        + "task:reverse or task:add");
            }
            return new TranslateData(data, "src", "tgt", "chars");
        }
        if (Files.exists(Path.of(data))) {
            Usage.require((src == null) == (tgt == null), "give both --src and --tgt for the pairs file %s (names "
                    + "of columns in its header line, or column numbers such as --src 2 --tgt 1), or neither for "
                    + "columns 1 and 2", data);
            String s = src == null ? "1" : src;
            String t = tgt == null ? "2" : tgt;
            Usage.require(!s.equals(t), "--src and --tgt must name two different columns of %s, got '%s' twice",
                    data, s);
            return new TranslateData(data, s, t, "words");
        }
        Datasets.Dataset d = Datasets.find(data).orElseThrow(() -> new ErrorReporting.UsageException(
                "no such file, task or dataset '" + data + "' (--data); give task:date, multi30k, tatoeba-fra-eng "
                        + "or a tab-separated file"));
        if (d.languages().isEmpty() && !d.name().equals("tatoeba-fra-eng")) {
            throw new ErrorReporting.UsageException("--data " + data + " is not a translation dataset; use multi30k "
                    + "or tatoeba-fra-eng");
        }
        List<String> langs = d.name().equals("tatoeba-fra-eng") ? List.of("en", "fr")
                : d.languages();
        String s = src != null ? src : langs.get(langs.size() - 1);
        String t = tgt != null ? tgt : langs.stream().filter(l -> !l.equals(s)).findFirst().orElse(s);
        Usage.require(langs.contains(s) && langs.contains(t) && !s.equals(t), "--src and --tgt must be two different "
                + "languages of %s %s, got %s and %s", data, langs, s, t);
        return new TranslateData(data, s, t, "words");
    }

    /** The tokeniser of both sides. */
    Function<String, List<String>> tokenizer() {
        return tokens.equals("chars") ? Tokens.CHARS::split : WordTokenizer::tokenize;
    }

    /** Tokens back to text. */
    Function<List<String>, String> detokenizer() {
        return tokens.equals("chars") ? Tokens.CHARS::join : WordTokenizer::detokenize;
    }

    /** True for a generated task (exact match and token accuracy are meaningful). */
    boolean generated() {
        return data.startsWith("task:");
    }

    /** The pairs of a split; generated tasks draw {@code trainSize} training pairs from a seed-derived stream. */
    List<ParallelText.Pair> pairs(Datasets.Split split, int trainSize, long seed) {
        if (generated()) {
            GeneratedTasks.Task task = GeneratedTasks.Task.parse(data.substring(5));
            // One stream per split, so the held-out pairs do not depend on the training size.
            long splitSeed = seed * 31 + split.ordinal();
            return GeneratedTasks.generate(task, split == Datasets.Split.TRAIN ? trainSize : HELD_OUT_PAIRS,
                    new SplittableRandom(splitSeed));
        }
        Path file = Path.of(data);
        if (Files.exists(file)) {
            // Checkpoints from before --src/--tgt named a file's columns say "src" and "tgt": columns 1 and 2.
            boolean legacy = src.equals("src") && tgt.equals("tgt");
            return heldOut(ParallelText.readTsv(file, legacy ? "1" : src, legacy ? "2" : tgt), split);
        }
        Datasets.Dataset d = Datasets.find(data).orElseThrow();
        if (d.name().equals("tatoeba-fra-eng")) {
            Path zip = Datasets.resolve(d, Datasets.Split.TRAIN, bytes -> {});
            return heldOut(ParallelText.readTsv(zip, src.equals("fr")), split);
        }
        return ParallelText.readAligned(Datasets.resolve(d, split, src, bytes -> {}),
                Datasets.resolve(d, split, tgt, bytes -> {}));
    }

    private static List<ParallelText.Pair> heldOut(List<ParallelText.Pair> all, Datasets.Split split) {
        List<ParallelText.Pair> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            int r = i % 10;
            Datasets.Split s = r == 9 ? Datasets.Split.TEST : r == 8 ? Datasets.Split.VALID : Datasets.Split.TRAIN;
            if (s == split) out.add(all.get(i));
        }
        return out;
    }

    /** The split of an option value: train, valid (or val) or test. */
    static Datasets.Split split(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "train" -> Datasets.Split.TRAIN;
            case "valid", "val", "validation" -> Datasets.Split.VALID;
            case "test" -> Datasets.Split.TEST;
            default -> throw new ErrorReporting.UsageException("--split must be train, valid or test, got '" + value
                    + "'");
        };
    }
}
