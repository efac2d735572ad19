package rnn4j.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnn4j.nn.Module;
import rnn4j.tensor.Tensor;

/**
 * A model checkpoint: one safetensors file whose tensor names are the PyTorch {@code state_dict()} keys, with the
 * model kind, its config (JSON) and, for text models, its vocabulary in {@code __metadata__} (DESIGN.md §6). PyTorch
 * reads it with {@code safetensors.torch.load_file}, and a file PyTorch wrote with the same metadata loads here.
 *
 * <p>Metadata keys: {@code format} = {@value #FORMAT}, {@code model} (kind, e.g. {@code lm}), {@code config} (JSON of
 * the model's config record), {@code vocab} (JSON array of tokens, index = id), plus any extra entries.
 */
public final class Checkpoint {
    /** The format tag written into every checkpoint. */
    public static final String FORMAT = "rnn4j/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * A loaded checkpoint: the source file, its tensors and its metadata.
     *
     * @param file     where it was read from (named in errors)
     * @param tensors  the state dict
     * @param metadata the {@code __metadata__} entries
     */
    public record Loaded(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** The model kind; an error when absent or different from {@code expected}. */
        public String requireKind(String expected) {
            String kind = metadata.get("model");
            if (!expected.equals(kind)) {
                throw new CheckpointException("Checkpoint.load: " + file + " must hold a '" + expected + "' model "
                        + "(metadata 'model'), got " + (kind == null ? "no model entry" : "'" + kind + "'")
                        + (kind == null && metadata.containsKey("step") ? " (it is a run's optimizer state and "
                        + "progress; give the model.safetensors beside it)" : "")
                        + "; use a checkpoint written by the matching command");
            }
            return kind;
        }

        /** The config record decoded from the {@code config} metadata entry. */
        public <C> C config(Class<C> type) {
            String json = metadata.get("config");
            if (json == null) {
                throw new CheckpointException("Checkpoint.load: " + file + " must have a 'config' metadata entry "
                        + "(JSON of the model's settings), got none");
            }
            try {
                return JSON.readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new CheckpointException("Checkpoint.load: the 'config' of " + file + " must be a valid "
                        + type.getSimpleName() + ", got " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("Checkpoint.load: the 'config' of " + file + " is invalid: "
                        + e.getMessage(), e);
            }
        }

        /** The vocabulary from the {@code vocab} metadata entry. */
        public List<String> vocab() {
            String json = metadata.get("vocab");
            if (json == null) {
                throw new CheckpointException("Checkpoint.load: " + file + " must have a 'vocab' metadata entry "
                        + "(JSON array of tokens), got none");
            }
            try {
                return List.of(JSON.readValue(json, String[].class));
            } catch (JsonProcessingException | NullPointerException e) {
                throw new CheckpointException("Checkpoint.load: the 'vocab' of " + file + " must be a JSON array of "
                        + "strings, got " + e.getMessage(), e);
            }
        }

        /** Loads the tensors into {@code module}, strictly; a mismatch names the file and every problem. */
        public void loadInto(Module module) {
            try {
                module.loadStateDict(tensors);
            } catch (IllegalArgumentException e) {
                throw new CheckpointException("Checkpoint.load: " + file + " does not fit the model: "
                        + e.getMessage(), e);
            }
        }
    }

    private Checkpoint() {}

    /** Writes {@code module}'s state dict and metadata atomically to {@code file}. */
    public static void save(Path file, Module module, String kind, Object config, List<String> vocab,
                            Map<String, String> extra) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("model", kind);
        metadata.put("config", toJson(config));
        if (vocab != null) {
            metadata.put("vocab", toJson(vocab));
        }
        metadata.putAll(extra);
        SafeTensors.write(file, module.stateDict(), metadata);
    }

    /** Reads a checkpoint; a missing, unreadable or damaged file is a {@link CheckpointException} naming it. */
    public static Loaded load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("Checkpoint.load: " + file + " must be a checkpoint file, got "
                    + (Files.isDirectory(file) ? "a folder; name the .safetensors file inside it"
                    : Files.exists(file) ? "a device or other special file" : "no such file"));
        }
        SafeTensors.Contents c;
        try {
            c = SafeTensors.read(file);
        } catch (CheckpointException e) {
            if (e.getCause() != null) throw e;   // not readable at all: the message says why
            // The parser's message names the first broken rule; what that means to a user is the damage.
            throw new CheckpointException(e.getMessage() + "; the file is damaged or cut short, or not a safetensors "
                    + "checkpoint: use a complete one");
        }
        return new Loaded(file, c.tensors(), c.metadata());
    }

    /** JSON of a record, list or map, as stored in metadata. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Checkpoint.toJson: value must be serialisable, got " + value, e);
        }
    }
}
