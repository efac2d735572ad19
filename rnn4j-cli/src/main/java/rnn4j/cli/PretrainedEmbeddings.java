package rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;
import rnn4j.data.Vocabulary;
import rnn4j.data.WordTokenizer;
import rnn4j.data.WordVectors;
import rnn4j.nn.Module;
import rnn4j.nn.Parameter;

/**
 * The flags that start a text model's embedding from pre-trained word vectors (GloVe, word2vec, fastText text
 * files), as {@code nn.Embedding.from_pretrained} or a Keras {@code Embedding} with {@code weights=[...]}: found
 * words take their vector, the others keep their random start, and {@code --freeze-embeddings} keeps them all fixed
 * (Kim 2014's "static" against "non-static").
 */
final class PretrainedEmbeddings {
    @Option(names = "--pretrained-embeddings", paramLabel = "FILE", description = "Word vectors to start the "
            + "embedding from: GloVe, word2vec or fastText text format, plain or .gz; --embed defaults to their size.")
    Path file;

    @Option(names = "--freeze-embeddings", description = "Keep the embedding fixed during training (with "
            + "--pretrained-embeddings: the vectors as read).")
    boolean freeze;

    /** The vectors of every word of {@code texts} (read once, for all folds), or null without the flag. */
    WordVectors read(Iterable<String> texts, PrintWriter err) {
        if (file == null) return null;
        Set<String> words = new HashSet<>();
        for (String t : texts) words.addAll(WordTokenizer.tokenize(t));
        WordVectors vectors = WordVectors.read(file, words);
        err.printf("rnn4j: %s: %,d-dimensional vectors for %,d of the data's %,d words%n", file, vectors.dimension(),
                vectors.vectors().size(), words.size());
        return vectors;
    }

    /**
     * The embedding size: the vectors' when {@code --embed} was not given ({@code embedGiven}), else {@code embed},
     * which must then match them.
     */
    static int embedSize(WordVectors vectors, int embed, boolean embedGiven) {
        if (vectors == null) return embed;
        Usage.require(!embedGiven || embed == vectors.dimension(), "--embed %s must equal the size of the vectors in "
                + "%s, %s; drop --embed or pass --embed %s", embed, vectors.source(), vectors.dimension(),
                vectors.dimension());
        return vectors.dimension();
    }

    /** Copies the vectors into {@code model}'s {@code embed.weight} (row 0, padding, stays zero); then freezes. */
    void applyTo(Module model, Vocabulary vocab, WordVectors vectors, PrintWriter err) {
        Parameter weight = model.namedParameters().get("embed.weight");
        if (vectors != null) {
            int found = vectors.copyInto(vocab, weight.data(), 0);
            err.printf("rnn4j: embedding: %,d of %,d vocabulary words start from %s%s%n", found, vocab.size(),
                    vectors.source(), freeze ? " (frozen)" : "");
        }
        freeze(model);
    }

    /** Freezes the embedding when {@code --freeze-embeddings} is set (also on a resumed run's model). */
    void freeze(Module model) {
        Parameter weight = model.namedParameters().get("embed.weight");
        if (freeze && weight != null) weight.requiresGrad(false);
    }

    void save(Map<String, String> recipe) {
        recipe.put("freezeEmbeddings", Boolean.toString(freeze));
    }

    void restore(RunFolder.Recipe recipe) {
        freeze = Boolean.parseBoolean(recipe.entries().getOrDefault("freezeEmbeddings", "false"));
    }
}
