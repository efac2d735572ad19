package rnn4j.cli;

import java.nio.file.Path;
import java.util.SplittableRandom;
import rnn4j.data.Vocabulary;
import rnn4j.io.Checkpoint;
import rnn4j.models.Lm;

/** A language model with its vocabulary, loaded from a checkpoint ({@code rnn4j train}'s, or PyTorch's). */
record LmCheckpoint(Lm model, Vocabulary vocabulary) {
    static LmCheckpoint load(Path file) {
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        loaded.requireKind(Lm.KIND);
        Lm.Config config = loaded.config(Lm.Config.class);
        Vocabulary vocab = Vocabulary.ofOrdered(loaded.vocab());
        Usage.require(vocab.size() == config.vocabSize(), "the checkpoint %s has %s vocabulary tokens but its config "
                + "says vocabSize %s; the file is inconsistent", file, vocab.size(), config.vocabSize());
        Lm lm = new Lm(config, new SplittableRandom(0)); // weights replaced at once; the seed is irrelevant
        loaded.loadInto(lm);
        lm.eval();
        return new LmCheckpoint(lm, vocab);
    }
}
