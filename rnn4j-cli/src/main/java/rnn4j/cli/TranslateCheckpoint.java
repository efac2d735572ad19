package rnn4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import rnn4j.data.Seq2SeqVocab;
import rnn4j.io.Checkpoint;
import rnn4j.io.CheckpointException;
import rnn4j.models.Seq2Seq;

/**
 * A translation checkpoint: the model (PyTorch layout), its config, both vocabularies ({@code srcVocab},
 * {@code tgtVocab}: JSON arrays, index = id) and where its data came from ({@code data}, {@code src}, {@code tgt},
 * {@code tokens}, {@code seed}, {@code trainSize}), so eval and run need only the file.
 */
record TranslateCheckpoint(Seq2Seq model, Seq2SeqVocab srcVocab, Seq2SeqVocab tgtVocab, TranslateData data,
                           long seed, int trainSize) {
    private static final ObjectMapper JSON = new ObjectMapper();

    void save(Path file, long step) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("srcVocab", Checkpoint.toJson(srcVocab.tokens()));
        extra.put("tgtVocab", Checkpoint.toJson(tgtVocab.tokens()));
        extra.put("data", data.data());
        extra.put("src", data.src());
        extra.put("tgt", data.tgt());
        extra.put("tokens", data.tokens());
        extra.put("seed", Long.toString(seed));
        extra.put("trainSize", Integer.toString(trainSize));
        extra.put("step", Long.toString(step));
        Checkpoint.save(file, model, Seq2Seq.KIND, model.config(), null, extra);
    }

    static TranslateCheckpoint load(Path file) {
        Checkpoint.Loaded c = Checkpoint.load(file);
        c.requireKind(Seq2Seq.KIND);
        Seq2Seq.Config config = c.config(Seq2Seq.Config.class);
        Seq2Seq model = new Seq2Seq(config, new SplittableRandom(0));
        c.loadInto(model);
        Map<String, String> m = c.metadata();
        Seq2SeqVocab src = vocab(c, "srcVocab");
        Seq2SeqVocab tgt = vocab(c, "tgtVocab");
        if (src.size() != config.srcVocabSize() || tgt.size() != config.tgtVocabSize()) {
            throw new CheckpointException("Checkpoint.load: the vocabularies of " + file + " must have the config's "
                    + "sizes " + config.srcVocabSize() + " and " + config.tgtVocabSize() + ", got " + src.size()
                    + " and " + tgt.size());
        }
        String tokens = m.getOrDefault("tokens", "words");
        TranslateData data = new TranslateData(m.getOrDefault("data", ""), m.getOrDefault("src", "src"),
                m.getOrDefault("tgt", "tgt"), tokens.equals("chars") ? "chars" : "words");
        try {
            return new TranslateCheckpoint(model, src, tgt, data, Long.parseLong(m.getOrDefault("seed", "1")),
                    Integer.parseInt(m.getOrDefault("trainSize", "0")));
        } catch (NumberFormatException e) {
            throw new CheckpointException("Checkpoint.load: " + file + " must hold whole numbers in 'seed' and "
                    + "'trainSize', got " + e.getMessage(), e);
        }
    }

    private static Seq2SeqVocab vocab(Checkpoint.Loaded c, String key) {
        String json = c.metadata().get(key);
        if (json == null) {
            throw new CheckpointException("Checkpoint.load: " + c.file() + " must have a '" + key + "' metadata entry "
                    + "(JSON array of tokens), got none; is it a checkpoint of rnn4j translate?");
        }
        try {
            return Seq2SeqVocab.of(List.of(JSON.readValue(json, String[].class)));
        } catch (JsonProcessingException | NullPointerException | IllegalArgumentException e) {
            throw new CheckpointException("Checkpoint.load: the '" + key + "' of " + c.file() + " must be a JSON "
                    + "array of tokens starting with " + Seq2SeqVocab.SPECIALS + ", got " + e.getMessage(), e);
        }
    }
}
