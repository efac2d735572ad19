package rnn4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rnn4j.data.Datasets;
import rnn4j.data.TextFiles;
import rnn4j.data.Tokens;
import rnn4j.data.Vocabulary;

/**
 * The training and validation tokens of a language-model run: validation is {@code --val}, else the dataset's
 * validation split, else the last {@code --val-fraction} of the training text (cut at a token boundary).
 */
record LmCorpus(List<String> train, List<String> valid) {
    static LmCorpus load(String data, Path val, double valFraction, Tokens kind) {
        List<String> train = kind.split(DataArgument.text(data, Datasets.Split.TRAIN, "--data"));
        if (val != null) {
            return new LmCorpus(train, kind.split(TextFiles.readUtf8(val)));
        }
        var dataset = DataArgument.dataset(data);
        if (dataset.isPresent() && dataset.get().file(Datasets.Split.VALID).isPresent()) {
            return new LmCorpus(train, kind.split(DataArgument.text(data, Datasets.Split.VALID, "--data")));
        }
        int held = (int) Math.floor(train.size() * valFraction);
        if (held < 2) {
            return new LmCorpus(train, List.of());
        }
        int cut = train.size() - held;
        return new LmCorpus(new ArrayList<>(train.subList(0, cut)), new ArrayList<>(train.subList(cut, train.size())));
    }

    /** The vocabulary of both parts, so that validation never meets an unknown token. */
    Vocabulary vocabulary() {
        List<String> all = new ArrayList<>(train);
        all.addAll(valid);
        return Vocabulary.of(all);
    }
}
